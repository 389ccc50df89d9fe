-- Deskside schema, version 3: which gateway node holds a help request's Host tunnel. Tunnels live
-- in a node's memory, so a node's restart orphans only its own sessions, not another node's.

ALTER TABLE help_request ADD COLUMN gateway_node VARCHAR(64);

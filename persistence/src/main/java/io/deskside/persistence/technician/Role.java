package io.deskside.persistence.technician;

/** What a help-desk account may do. The names are the Jakarta Security role names. */
public enum Role {
    /** Issues tickets, sees and claims help requests, runs sessions. */
    technician,
    /** Sees every queue and session of the help desk. */
    supervisor,
    /** Reads call records and the event log, for invoicing. */
    billing,
    /** Manages technicians and help services. */
    admin;

    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; roles are technician, supervisor, billing, admin");
    }
}

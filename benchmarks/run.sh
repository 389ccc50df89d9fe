#!/usr/bin/env bash
# Relay benchmark: builds Deskside, starts a scratch gateway (scripts/run.sh in
# benchmarks/target/run/server), runs the load generator against it over each transport, then
# the same traffic through nginx (Debian's package) as a plain WebSocket proxy, and prints one
# RESULT line per run. Loopback only; bounded in pairs and time. See docs/BENCHMARKS.md.
#
#   benchmarks/run.sh                 the standard set (about 15 minutes)
#   PAIRS="1000 2500 5000" benchmarks/run.sh capacity
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
work="$repo/benchmarks/target/run"
what="${1:-standard}"
command -v nginx > /dev/null || { echo "nginx is not installed: apt-get install nginx" >&2; exit 1; }
command -v jcmd > /dev/null || { echo "jcmd (JDK) is needed for the gateway's heap" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
mkdir -p "$work"

mvn -B -q -Dstyle.color=never -DskipTests -pl benchmarks -am install > /dev/null
cp="$repo/benchmarks/target/classes:$repo/benchmarks/target/lib/*"
# PIN=1: the relay (WildFly, or nginx) on the first core, the load generator on the second, so
# that neither waits for the other's CPU. Each then has one core.
relay_cpu=() load_cpu=()
if [ -n "${PIN:-}" ]; then
  command -v taskset > /dev/null || { echo "PIN=1 needs taskset (util-linux)" >&2; exit 1; }
  relay_cpu=(taskset -c 0) load_cpu=(taskset -c 1)
fi
load() { "${load_cpu[@]}" java -Xms1g -Xmx6g -cp "$cp" io.deskside.bench.RelayLoad "$@"; }

password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DESKSIDE_HOME="$work/server" DESKSIDE_ADMIN_PASSWORD="$password"
# Every simulated Host connects and asks from 127.0.0.1: the per-address bounds (200 Host tunnels,
# 100 waiting requests, 60 a minute by default) would refuse all but the first few.
export JAVA_OPTS="-Xms2g -Xmx4g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Ddeskside.queue.max-waiting-per-source=1000000 -Ddeskside.queue.asks-per-minute=1000000 -Ddeskside.tunnel.max-hosts-per-source=1000000 -Ddeskside.host.credentials-per-hour=1000000"
# A scratch database each time: the figures should not depend on earlier runs.
rm -rf "$work/server"/wildfly-*/standalone/data "$work/server"/wildfly-*/standalone/tmp
"${relay_cpu[@]}" scripts/run.sh > "$work/gateway.log" 2>&1 &
runner=$!
trap 'kill -TERM $runner 2>/dev/null || true; wait $runner 2>/dev/null || true; [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "Deskside is running" "$work/gateway.log" && break; sleep 1; done
grep -q "Deskside is running" "$work/gateway.log" || { tail -40 "$work/gateway.log"; exit 1; }
pid=$(pgrep -f "jboss.home.dir=$work/server" | head -n 1)
echo "gateway pid $pid${PIN:+, relay on core 0 and load generator on core 1}, machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1)"

# The bare relay (io.deskside.bench.bare.BareRelay): the least a Jakarta WebSocket relay can do on
# the same server, deployed beside the gateway as its own WAR, to tell the server's share of the cost.
deploy_bare() {
  local war="$work/deskside-bare.war" classes="$work/bare-war/WEB-INF/classes/io/deskside/bench/bare"
  local deployments=("$work"/server/wildfly-*/standalone/deployments)
  [ -f "${deployments[0]}/deskside-bare.war.deployed" ] && return 0
  rm -rf "$work/bare-war" && mkdir -p "$classes"
  cp "$repo"/benchmarks/target/classes/io/deskside/bench/bare/*.class "$classes/"
  (cd "$work/bare-war" && jar cf "$war" WEB-INF)
  cp "$war" "${deployments[0]}/"
  for _ in $(seq 1 60); do [ -f "${deployments[0]}/deskside-bare.war.deployed" ] && return 0; sleep 1; done
  echo "the bare relay did not deploy" >&2; exit 1
}
bare() { deploy_bare; load --target=bare --url=ws://127.0.0.1:8080/deskside-bare/relay --server-pid="$pid" "$@"; }

gateway() { load --target=gateway --url=http://127.0.0.1:8080 --admin="admin:$password" --server-pid="$pid" "$@"; }

through_nginx() {
  rm -rf "$work/nginx" && mkdir -p "$work/nginx/logs"
  load --target=nginx --url=ws://127.0.0.1:18080/sink --sink-port-file="$work/nginx/sink.port" --relay-process=nginx "$@" &
  local gen=$!
  for _ in $(seq 1 100); do [ -s "$work/nginx/sink.port" ] && break; sleep 0.1; done
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 16000; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream sink { server 127.0.0.1:$(cat "$work/nginx/sink.port"); }
  server {
    listen 127.0.0.1:18080;
    location / {
      proxy_pass http://sink;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_buffering off;
      proxy_read_timeout 600s;
    }
  }
}
CONF
  "${relay_cpu[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
  wait $gen
  kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  sleep 1
}

case "$what" in
  standard)
    # Throughput: 20 pairs, Host to Guest as fast as credit allows, 20 KB messages.
    gateway --pairs=20 --rate=0 --seconds=20 --mode=websocket
    bare --pairs=20 --rate=0 --seconds=20
    through_nginx --pairs=20 --rate=0 --seconds=20
    # Latency at office rates: one 20 KB update a second each way.
    gateway --pairs=1000 --rate=1 --seconds=30 --mode=websocket
    bare --pairs=1000 --rate=1 --seconds=30
    through_nginx --pairs=1000 --rate=1 --seconds=30
    # The HTTP transports at office rates.
    gateway --pairs=200 --rate=1 --seconds=20 --mode=streaming
    gateway --pairs=200 --rate=1 --seconds=20 --mode=transaction
    ;;
  throughput)
    if [ -n "${PROFILE:-}" ]; then
      # The JDK Flight Recorder on both JVMs for the gateway run, after a warm-up.
      (sleep 25; jcmd "$pid" JFR.start duration=15s filename="$work/gateway.jfr" > /dev/null) &
      JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=delay=15s,duration=15s,dumponexit=true,filename=$work/load.jfr" \
        gateway --pairs=20 --rate=0 --seconds=20 --warmup=10 --mode=websocket
    else
      for m in ${MODES:-websocket}; do
        gateway --pairs=20 --rate=0 --seconds=20 --mode="$m"
      done
    fi
    bare --pairs=20 --rate=0 --seconds=20
    through_nginx --pairs=20 --rate=0 --seconds=20
    ;;
  latency)
    # Office rates through the gateway, the bare relay and nginx, one after the other.
    n=${PAIRS:-1000}
    gateway --pairs="$n" --rate=1 --seconds=30 --mode=websocket
    bare --pairs="$n" --rate=1 --seconds=30
    through_nginx --pairs="$n" --rate=1 --seconds=30
    ;;
  ceiling)
    # The bare relay alone at office rates: how many sessions the server's WebSocket stack holds.
    for n in ${PAIRS:-1000 2500 5000}; do
      bare --pairs="$n" --rate=1 --seconds=30
    done
    ;;
  quick)
    gateway --pairs=10 --rate=1 --seconds=5 --warmup=2 --mode=websocket
    bare --pairs=10 --rate=1 --seconds=5 --warmup=2
    through_nginx --pairs=10 --rate=1 --seconds=5 --warmup=2
    ;;
  http)
    for n in ${PAIRS:-20 200}; do
      gateway --pairs="$n" --rate=1 --seconds=20 --mode=streaming
      gateway --pairs="$n" --rate=1 --seconds=20 --mode=transaction
    done
    ;;
  profile)
    # One office-rate run with the JDK Flight Recorder on the gateway and the load generator.
    n=${PAIRS:-1500}
    (sleep "${JFR_DELAY:-60}"; jcmd "$pid" JFR.start duration=20s filename="$work/gateway.jfr" > /dev/null) &
    JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=delay=60s,duration=20s,dumponexit=true,filename=$work/load.jfr" \
      gateway --pairs="$n" --rate=1 --seconds=30 --warmup=30 --mode="${MODE:-websocket}"
    ;;
  capacity)
    for n in ${PAIRS:-1000 2500 5000}; do
      gateway --pairs="$n" --rate=1 --seconds=30 --mode=websocket
      [ -n "${BARE:-}" ] && bare --pairs="$n" --rate=1 --seconds=30
    done
    ;;
  *) echo "usage: $0 [standard|throughput|latency|ceiling|quick|http|profile|capacity]" >&2; exit 2 ;;
esac

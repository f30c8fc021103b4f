#!/usr/bin/env bash
# Makes sure a local MariaDB answers on 127.0.0.1:3306, that root@127.0.0.1
# can log in with an empty password, and that database `test` exists: what the
# integration tests (test/integration) expect when MYSQL_URL is not set.
#
# Idempotent: a server that already answers is left running as it is. Meant
# for CI and throwaway dev containers (Debian); needs root or sudo to install
# or start the server.
set -euo pipefail

HOST=127.0.0.1
PORT=3306
DAEMON=/usr/sbin/mariadbd
WAIT_SECONDS=60

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

admin_tool() {
  if command -v mariadb-admin >/dev/null 2>&1; then echo mariadb-admin; else echo mysqladmin; fi
}

client_tool() {
  if command -v mariadb >/dev/null 2>&1; then echo mariadb; else echo mysql; fi
}

# `ping` succeeds as soon as the server answers, even if the login is refused.
answers() {
  "$(admin_tool)" --protocol=tcp -h "$HOST" -P "$PORT" -u root --connect-timeout=2 ping >/dev/null 2>&1
}

tcp_root() {
  "$(client_tool)" --protocol=tcp -h "$HOST" -P "$PORT" -u root --connect-timeout=2 "$@"
}

# Root over the local socket: Debian's root@localhost authenticates by unix
# user, so this works before root@127.0.0.1 exists.
socket_root() {
  $SUDO "$(client_tool)" -u root "$@"
}

start_server() {
  if [ ! -x "$DAEMON" ]; then
    echo "mariadb.sh: installing mariadb-server"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server
  fi
  $SUDO mkdir -p /run/mysqld /var/log/mysql
  $SUDO chown mysql:mysql /run/mysqld /var/log/mysql
  if [ ! -d /var/lib/mysql/mysql ]; then
    echo "mariadb.sh: initialising the data directory"
    $SUDO mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  echo "mariadb.sh: starting $DAEMON"
  # --oknodo: a mariadbd that is already running (but not answering yet) is fine.
  $SUDO start-stop-daemon --start --oknodo --background --exec "$DAEMON" -- --user=mysql
}

if ! answers; then
  start_server
  waited=0
  until answers; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      echo "mariadb.sh: MariaDB did not answer on $HOST:$PORT within ${WAIT_SECONDS}s" >&2
      [ -r /var/log/mysql/error.log ] && $SUDO tail -n 20 /var/log/mysql/error.log >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
fi

if ! tcp_root -e "SELECT 1" >/dev/null 2>&1; then
  echo "mariadb.sh: granting root@$HOST with an empty password"
  socket_root -e "CREATE USER IF NOT EXISTS 'root'@'$HOST' IDENTIFIED BY '';
    GRANT ALL PRIVILEGES ON *.* TO 'root'@'$HOST' WITH GRANT OPTION;"
  if ! tcp_root -e "SELECT 1" >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      socket_root -e "ALTER USER 'root'@'$HOST' IDENTIFIED BY ''"
    else
      echo "mariadb.sh: root@$HOST exists with a password; not changing it outside CI. Set MYSQL_URL instead." >&2
      exit 1
    fi
  fi
fi

tcp_root -e "CREATE DATABASE IF NOT EXISTS test"
echo "mariadb.sh: MariaDB ready at mysql://root@$HOST:$PORT/test"

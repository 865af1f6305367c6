#!/bin/sh
# Starts zinit as the container's supervisor.
# --container: shutdown/reboot end zinit instead of calling the reboot system call.
# umask 0000: the socket (and service files zinit writes) must be usable by the host user that owns the bind mounts,
# who is usually not root; connecting to a Unix socket needs write permission on it.
set -eu
umask 0000
mkdir -p /run/zinit /etc/zinit
# zinit 0.2.15 and later read /etc/zinit whatever -c says; older ones honour -c. Both get the same directory.
exec /sbin/zinit -s /run/zinit/zinit.sock init -c /etc/zinit --container "$@"

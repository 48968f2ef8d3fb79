#!/bin/bash
# Healthy when clamd answers PING with PONG on the task's loopback (no clamdscan needed).
set -eu
exec 3<>/dev/tcp/127.0.0.1/3310
printf 'zPING\0' >&3
IFS= read -r -d '' -t 4 reply <&3
[ "$reply" = "PONG" ]

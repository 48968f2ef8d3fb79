#!/bin/sh
# Signatures first (clamd does not start without a database), then freshclam as a daemon
# on its schedule (freshclam.conf: Checks), then clamd in the foreground as the container's
# main process. clamd reloads new signatures itself (clamd.conf: SelfCheck).
set -eu
if ! ls /var/lib/clamav/*.cvd /var/lib/clamav/*.cld >/dev/null 2>&1; then
  echo "clamav: no signatures yet, running freshclam once"
  freshclam --stdout
fi
freshclam --daemon --stdout
exec clamd --foreground

#!/bin/sh
# Copyright 2026 The Outlay Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every outlay-bench workload on 1000 rows and checks what each stored or
# read. The 1000 generated rows add up to 254020.78; outlay-bench itself
# compares every workload with the generator (check=ok), and ui with the rows
# the app scrolled through (under Xvfb when there is no display).

set -u

bench=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

"$bench" insert 1000 bulk 1000 list 1000 totals 1000 summary 1000 ui 1000 transfer 1000 >"$log"
status=$?
cat "$log"
if [ "$status" -ne 0 ]; then
  echo "outlay-bench exited with status $status"
  exit 1
fi

failed=0
expect () {
  if ! grep -q "$1" "$log"; then
    echo "missing: $1"
    failed=1
  fi
}

for workload in insert bulk totals transfer; do
  expect "^workload=$workload n=1000 .* rows=1000 sum=254020.78 check=ok\$"
done
for workload in list summary; do
  expect "^workload=$workload n=1000 .* check=ok\$"
done
expect "^workload=ui n=1000 .* scrolled_rows=1000 check=ok\$"
expect "fsync=on"

exit $failed

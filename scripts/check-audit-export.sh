#!/bin/sh
# Checks a Gatehouse audit export (GET /api/v1/audit/export?format=jsonl) offline, with the
# installation's public key (GET /api/v1/audit/public-key) and nothing of Gatehouse's:
#   scripts/check-audit-export.sh audit.jsonl key.pem
# Needs openssl 3, jq, sha256sum and base64. Prints OK and exits 0, or names the first problem and exits 1.
set -u
export_file=$1
key=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# base64url without padding -> binary: back to the standard alphabet, pad (a 64-byte signature has two '='), decode.
b64url_to_bin() { tr -- '-_' '+/' | sed 's/$/==/' | base64 -d; }
entries=$(($(wc -l < "$export_file") - 1))
prev=0000000000000000000000000000000000000000000000000000000000000000
n=0
head -n "$entries" "$export_file" | while IFS= read -r line; do
  n=$((n + 1))
  id=$(printf '%s' "$line" | jq -r .id)
  hash=$(printf '%s' "$line" | jq -r .hash)
  [ "$id" = "$n" ] || { echo "entry $n: missing"; exit 1; }
  [ "$(printf '%s' "$line" | jq -r .prevHash)" = "$prev" ] || { echo "entry $id: prevHash does not match the entry before"; exit 1; }
  computed=$(printf '%s' "$line" | jq -j '.prevHash, ({action, actorId, at, details, id, subjectId, subjectType} | tojson)' | sha256sum | cut -d' ' -f1)
  [ "$computed" = "$hash" ] || { echo "entry $id: hash"; exit 1; }
  printf '%s' "$hash" > "$work/msg"
  printf '%s' "$line" | jq -r .signature | b64url_to_bin > "$work/sig"
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/msg" -sigfile "$work/sig" > /dev/null || { echo "entry $id: signature"; exit 1; }
  prev=$hash
  printf '%s %s\n' "$id" "$hash" > "$work/last"
done || exit 1
tail -n 1 "$export_file" | jq -j '"gatehouse-audit-checkpoint:\(.id):\(.hash):\(.at)"' > "$work/msg"
tail -n 1 "$export_file" | jq -r .signature | b64url_to_bin > "$work/sig"
openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/msg" -sigfile "$work/sig" > /dev/null || { echo "checkpoint: signature"; exit 1; }
[ "$(tail -n 1 "$export_file" | jq -r '"\(.id) \(.hash)"')" = "$(cat "$work/last")" ] || { echo "checkpoint: does not name the last entry"; exit 1; }
echo "OK: $entries entries; every hash and signature holds; the signed checkpoint names entry $(cut -d' ' -f1 "$work/last")"

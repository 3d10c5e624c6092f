#!/usr/bin/env bash
# The simple per-number client the economy bench compares against: what a homegrown script
# does. For each row of a CSV (accountName,telephoneNumber,services): PUT the number, then
# GET it once a second until it is no longer pending; on 429 wait Retry-After and try again.
# Usage: curl_client.sh CSV ENDPOINT CA_FILE TOKEN_URL   (secret from ACGPROV_CLIENT_SECRET)
# Prints: requests=N throttled=N rows=N
set -uo pipefail
csv=$1 endpoint=$2 ca=$3 token_url=$4
api="api-version=2024-02-29-preview"
token=$(curl -s --cacert "$ca" -d grant_type=client_credentials -d client_id=sim-client \
  --data-urlencode "client_secret=$ACGPROV_CLIENT_SECRET" \
  --data-urlencode "scope=https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default" "$token_url" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || { echo "no token" >&2; exit 1; }
requests=0 throttled=0 rows=0

call() {  # METHOD URL [BODY] -> sets status, body
  local out
  while :; do
    requests=$((requests + 1))
    if [ -n "${3:-}" ]; then
      out=$(curl -s -w '\n%{http_code}' --cacert "$ca" -X "$1" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data "$3" "$2")
    else
      out=$(curl -s -w '\n%{http_code}' --cacert "$ca" -X "$1" -H "Authorization: Bearer $token" "$2")
    fi
    status=${out##*$'\n'}
    body=${out%$'\n'*}
    [ "$status" = 429 ] || return 0
    throttled=$((throttled + 1))
    sleep 1
  done
}

while IFS=, read -r account number services; do
  [ "$account" = accountName ] && continue
  rows=$((rows + 1))
  enc=${number/+/%2B}
  url="$endpoint/accounts/$account/numbers/$enc?$api"
  call PUT "$url" "{\"telephoneNumber\":\"$number\",\"accountName\":\"$account\",\"serviceDetails\":{\"$services\":{\"enabled\":true}}}"
  for _ in $(seq 1 60); do
    case $body in *'"pending"'*) ;; *) break ;; esac
    sleep 1
    call GET "$url"
  done
done <"$csv"
echo "requests=$requests throttled=$throttled rows=$rows"

# bash completion for acgprov. Generated from the option table by `acgprov __describe bash`; do not edit.
_acgprov() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd opts
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "apply accounts numbers civic-addresses rfi config --help --version" -- "$cur"))
    return
  fi
  cmd=${COMP_WORDS[1]}
  case $cmd in
    accounts)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "apply export" -- "$cur"))
        return
      fi
      cmd="$cmd ${COMP_WORDS[2]}" ;;
    numbers)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "export" -- "$cur"))
        return
      fi
      cmd="$cmd ${COMP_WORDS[2]}" ;;
    civic-addresses)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "export" -- "$cur"))
        return
      fi
      cmd="$cmd ${COMP_WORDS[2]}" ;;
    rfi)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "list update" -- "$cur"))
        return
      fi
      cmd="$cmd ${COMP_WORDS[2]}" ;;
    config)
      if ((COMP_CWORD == 2)); then
        COMPREPLY=($(compgen -W "check" -- "$cur"))
        return
      fi
      cmd="$cmd ${COMP_WORDS[2]}" ;;
  esac
  case $cmd in
    "apply")
      case $prev in
        --format) COMPREPLY=($(compgen -W "csv json ndjson" -- "$cur")); return ;;
        --report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --summary) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --metrics) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --write-mode) COMPREPLY=($(compgen -W "batch single" -- "$cur")); return ;;
        --max-pending) return ;;
        --max-deletes) return ;;
        --poll-interval) return ;;
        --poll-timeout) return ;;
        --grace) return ;;
        --deadline) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="--format --report --summary --metrics --write-mode --max-pending --if-absent --no-if-absent --dry-run --no-dry-run --preflight --no-preflight --plan --no-plan --prune --no-prune --max-deletes --poll-interval --poll-timeout --resume --no-resume --grace --deadline --progress --no-progress --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "accounts apply")
      case $prev in
        --format) COMPREPLY=($(compgen -W "csv json ndjson" -- "$cur")); return ;;
        --report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --summary) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --metrics) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --on-conflict) COMPREPLY=($(compgen -W "report overwrite" -- "$cur")); return ;;
        --poll-interval) return ;;
        --poll-timeout) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="--format --report --summary --metrics --if-absent --no-if-absent --on-conflict --poll-interval --poll-timeout --resume --no-resume --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "accounts export")
      case $prev in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "csv json jsonl ndjson" -- "$cur")); return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="-o --output --format --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "numbers export")
      case $prev in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "csv json jsonl ndjson" -- "$cur")); return ;;
        --account) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="-o --output --format --account --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "civic-addresses export")
      case $prev in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "csv json jsonl ndjson" -- "$cur")); return ;;
        --account) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="-o --output --format --account --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "rfi list")
      case $prev in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "csv json jsonl ndjson" -- "$cur")); return ;;
        --status) COMPREPLY=($(compgen -W "active suspended removed" -- "$cur")); return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="-o --output --format --status --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "rfi update")
      case $prev in
        --format) COMPREPLY=($(compgen -W "csv json ndjson" -- "$cur")); return ;;
        --report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --summary) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --metrics) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --poll-interval) return ;;
        --poll-timeout) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="--format --report --summary --metrics --poll-interval --poll-timeout --resume --no-resume --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    "config check")
      case $prev in
        --format) COMPREPLY=($(compgen -W "csv json ndjson" -- "$cur")); return ;;
        --report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --summary) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --metrics) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --write-mode) COMPREPLY=($(compgen -W "batch single" -- "$cur")); return ;;
        --max-pending) return ;;
        --max-deletes) return ;;
        --poll-interval) return ;;
        --poll-timeout) return ;;
        --grace) return ;;
        --deadline) return ;;
        --endpoint) return ;;
        --api-version) return ;;
        --tenant) return ;;
        --client-id) return ;;
        --client-secret-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-certificate-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --client-key-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --credential) COMPREPLY=($(compgen -W "auto secret certificate workload-identity managed-identity" -- "$cur")); return ;;
        --managed-identity-client-id) return ;;
        --authority) return ;;
        --scope) return ;;
        --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --rate) return ;;
        --burst) return ;;
        --max-in-flight) return ;;
        --request-timeout) return ;;
        --connect-timeout) return ;;
        --proxy) return ;;
        --no-proxy) return ;;
        --job) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
      esac
      opts="--format --report --summary --metrics --write-mode --max-pending --if-absent --no-if-absent --dry-run --no-dry-run --preflight --no-preflight --plan --no-plan --prune --no-prune --max-deletes --poll-interval --poll-timeout --resume --no-resume --grace --deadline --progress --no-progress --endpoint --api-version --tenant --client-id --client-secret-file --client-certificate-file --client-key-file --credential --managed-identity-client-id --authority --scope --ca-file --rate --burst --adaptive --no-adaptive --max-in-flight --request-timeout --connect-timeout --proxy --no-proxy --job --log-format --verbose --no-verbose -h --help --version" ;;
    *) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _acgprov acgprov

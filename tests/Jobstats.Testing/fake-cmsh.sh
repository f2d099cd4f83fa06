#!/bin/bash
# A stand-in for BCM's cmsh: answers `cmsh -c "cmd; cmd; ..."` from a key=value state file and appends every
# command line it receives to a transcript, so tests can assert exactly what jobstatsctl asked BCM to do.
# Usage (through a generated wrapper): fake-cmsh.sh STATE TRANSCRIPT -c "COMMANDS"
set -u
state=$1 transcript=$2
shift 2
[ "${1:-}" = "-c" ] || { echo "fake cmsh: only -c is supported" >&2; exit 2; }
printf '%s\n' "$2" >> "$transcript"

get() { grep -m1 "^$1=" "$state" | cut -d= -f2-; }
put() {
  grep -v "^$1=" "$state" > "$state.new" || true
  printf '%s=%s\n' "$1" "$2" >> "$state.new"
  mv "$state.new" "$state"
}

mode="" use="" sub=""
IFS=';' read -ra parts <<< "$2"
for raw in "${parts[@]}"; do
  cmd=$(echo "$raw" | sed 's/^ *//; s/ *$//')
  read -ra w <<< "$cmd"
  case "${w[0]:-}" in
    device|category|softwareimage|wlm) mode=${w[0]}; use=""; sub="" ;;
    use)
      use=${w[1]}
      # Like BCM, using an object that does not exist is an error (printed, exit 0): a category or image nobody made.
      case "$mode" in
        category) grep -q "^category\.$use\." "$state" || { echo "Error: category $use not found"; exit 0; } ;;
        softwareimage) grep -q "^image\.$use\." "$state" || { echo "Error: softwareimage $use not found"; exit 0; } ;;
      esac ;;
    cgroups) sub=cgroups ;;
    commit) ;;
    list)
      if [ "$mode" = device ] && [ "${w[1]:-}" = "-c" ]; then
        nodes=$(get "category.${w[2]}.nodes")
        if [ -z "$nodes" ] && ! grep -q "^category.${w[2]}.nodes=" "$state"; then echo "Error: category ${w[2]} not found"; exit 0; fi
        printf '%-16s %-16s %-18s %-10s %-12s %s\n' "Type" "Hostname (key)" "MAC" "Category" "Ip" "Status"
        printf '%s\n' "---------------- ---------------- ------------------ ---------- ------------ ----------"
        i=1
        for n in ${nodes//,/ }; do
          printf '%-16s %-16s %-18s %-10s %-12s %s\n' "PhysicalNode" "$n" "FA:16:3E:00:00:0$i" "${w[2]}" "10.141.0.$i" "[   UP   ]"
          i=$((i + 1))
        done
      fi ;;
    get)
      case "$mode" in
        category) get "category.$use.${w[1]}" ;;
        softwareimage) get "image.$use.${w[1]}" ;;
        wlm) get "wlm${sub:+.$sub}.${w[1]}" ;;
      esac ;;
    set) put "wlm${sub:+.$sub}.${w[1]}" "${w[*]:2}" ;;
    clear) put "wlm${sub:+.$sub}.${w[1]}" "" ;;
    imageupdate) echo "Starting imageupdate for category ${w[2]}" ;;
    *) echo "Error: unknown command '${w[0]:-}'" ;;
  esac
done
exit 0

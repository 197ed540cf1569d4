#!/usr/bin/env bash
# MarginLab's training throughput against the PyTorch eager reference, in one sitting on one machine:
# for each backbone, `marginlab bench` then ../shared/bench/pytorch_ref.py, alternated ROUNDS times,
# and the ratio of medians. Needs Debian's python3-torch (apt-get install python3-torch).
# Usage: bench/vs-pytorch.sh [ROUNDS] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="${PYTORCH_REF:-$root/../shared/bench/pytorch_ref.py}"
data="$root/datasets/fashion-mnist"
rounds="${1:-3}"
threads="${2:-2}"
[ -f "$ref" ] || { echo "vs-pytorch: reference script not found at $ref (set PYTORCH_REF)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "vs-pytorch: PyTorch missing; apt-get install python3-torch" >&2; exit 1; }
"$root/marginlab" --version >/dev/null

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '%-9s %7s %8s %22s %22s %7s\n' backbone batch threads "MarginLab img/s" "PyTorch eager img/s" ratio
for arch in compact lenetpp; do
  ml=(); pt=()
  for ((r = 0; r < rounds; r++)); do
    ml+=("$("$root/marginlab" bench --backbones "$arch" --threads "$threads" 2>/dev/null | awk -v a="$arch" '$1 == a {print $5}')")
    pt+=("$(/usr/bin/python3 "$ref" "$data" --arch "$arch" --threads "$threads" | sed -n 's/^images_per_s=//p')")
  done
  m="$(printf '%s\n' "${ml[@]}" | median)"; p="$(printf '%s\n' "${pt[@]}" | median)"
  printf '%-9s %7d %8d %22s %22s %7.2f\n' "$arch" 256 "$threads" "$m (${ml[*]})" "$p (${pt[*]})" "$(awk -v m="$m" -v p="$p" 'BEGIN {print m / p}')"
done

#!/usr/bin/env bash
# Install the Debian packages `casegate render` needs, idempotently.
#
#   graphviz          `dot`, which draws 資料1-1 (the data-flow diagram) as SVG
#   fonts-noto-cjk    Japanese glyphs, embedded in the PDF (without them: tofu boxes)
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
#                     WeasyPrint's text layout and font subsetting (only for --format pdf)
#   poppler-utils     pdftoppm, which turns the example PDF's first page into docs/examples/*.png
#
# As root: `apt-get update` then `apt-get install`. Otherwise: print the exact command and fail,
# so `make setup-render` says what to do instead of leaving a PDF stack that half works.
set -euo pipefail

packages=(graphviz fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-render-deps: missing Debian packages for casegate render: ${missing[*]}" >&2
  echo "ensure-render-deps: install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends -y ${missing[*]}" >&2
  exit 1
fi

echo "ensure-render-deps: installing ${missing[*]}"
# Other setups may hold the dpkg lock (several worktrees set up at once): wait for it, do not fail.
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -qq --no-install-recommends -y "${missing[@]}"

# Sourced by scripts/site and scripts/test: makes a fresh machine ready, quickly when it already is.
# Python packages go into .venv (pinned in pyproject.toml); Chromium and CJK fonts come from Debian.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
export PIP_DISABLE_PIP_VERSION_CHECK=1

ensure_python_packages() {
  local stamp=.venv/.installed-from
  local want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
  fi
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test]"
    echo "$want" > "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

ensure_browser() {
  # Debian's Chromium and CJK fonts for the browser tests; Java and Node for the Nu validator.
  local need=()
  [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || need+=(chromium)
  fc-list :lang=zh family 2>/dev/null | grep -i "cjk" >/dev/null || need+=(fonts-noto-cjk)
  # A Latin-only font, for the test that shows the CJK glyph check fails without CJK fonts.
  [[ -d /usr/share/fonts/truetype/dejavu ]] || need+=(fonts-dejavu-core)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v npm >/dev/null || need+=(nodejs npm)
  if ((${#need[@]})); then
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    echo "Installing ${need[*]} from Debian (needed by the browser tests)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
  fi
}

ensure_node_tools() {
  # The Nu HTML validator (npm vnu-jar, pinned in package-lock.json) for the HTML audit.
  if [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

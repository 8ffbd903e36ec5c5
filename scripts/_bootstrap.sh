# Sourced by the scripts: makes a fresh machine ready, quickly when it already is.
# Python packages go into .venv, exactly as locked (with hashes) in requirements/: build.txt for
# building and previewing, test.txt (a superset) for the tests. The Python version is the one in
# .python-version. Chromium and CJK fonts come from Debian (the browser tests only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON_VERSION="$(tr -d '[:space:]' < .python-version)"

step() {  # one line per step of a first run, with roughly how long it takes
  echo "→ $*" >&2
}

_python_for_venv() {
  local candidate
  for candidate in "python$PYTHON_VERSION" python3; do
    if command -v "$candidate" >/dev/null &&
       [[ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" == "$PYTHON_VERSION" ]]; then
      echo "$candidate"
      return
    fi
  done
  echo "需要 Python $PYTHON_VERSION（见 .python-version）/ Python $PYTHON_VERSION is needed (.python-version)." >&2
  echo "Debian 12: sudo apt install python3 python3-venv; other systems: install Python $PYTHON_VERSION and its venv module." >&2
  exit 1
}

_ensure_venv() {
  if [[ -x .venv/bin/python ]] &&
     [[ "$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "$PYTHON_VERSION" ]]; then
    step "重建 .venv：Python 版本已改为 $PYTHON_VERSION / Rebuilding .venv for Python $PYTHON_VERSION"
    rm -rf .venv
  fi
  if [[ ! -x .venv/bin/python ]]; then
    local python
    python="$(_python_for_venv)"
    step "创建 Python 环境 .venv / Creating the Python environment .venv (a few seconds)"
    "$python" -m venv .venv || {
      echo "无法创建 .venv / could not create .venv: on Debian or Ubuntu, sudo apt install python3-venv" >&2
      exit 1
    }
  fi
}

_installed() {  # whether .venv holds exactly requirements/$1.txt (as of pyproject.toml)
  [[ "$(cat ".venv/.installed-$1" 2>/dev/null)" == "$(cat "requirements/$1.txt" pyproject.toml | sha256sum | cut -d' ' -f1)" ]]
}

# ensure_python_packages [build|hooks|test]: what building needs (the default); that and the tools
# of the commit hooks; or that and every test tool (a superset of both).
ensure_python_packages() {
  local kind="${1:-build}" lock stamp want started
  lock="requirements/$kind.txt"
  stamp=".venv/.installed-$kind"
  _ensure_venv
  want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]] && ! { [[ $kind != test ]] && _installed test; }; then
    started=$SECONDS
    if [[ $kind == test ]]; then
      step "安装测试工具（首次约 1–2 分钟）/ Installing the test tools (about 1–2 minutes the first time)"
    elif [[ $kind == hooks ]]; then
      step "安装提交前检查所需的软件（首次约 40 秒）/ Installing what the commit hooks run (about 40 s the first time)"
    else
      step "安装构建网站所需的软件（首次约 30 秒）/ Installing what building the site needs (about 30 s the first time)"
    fi
    .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r "$lock"
    # The first release was installed as gdep-site: its metadata would shadow the renamed commands.
    if compgen -G ".venv/lib/python*/site-packages/*gdep_site*" >/dev/null; then
      .venv/bin/python -m pip uninstall --quiet -y gdep-site || true
    fi
    .venv/bin/python -m pip install --quiet --no-deps -e .
    echo "$want" > "$stamp"
    step "完成 / done ($((SECONDS - started)) s)"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

_apt_install() {
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_browser() {
  # Debian's Chromium and CJK fonts, for the tests that look at pages in a browser.
  local need=()
  [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || need+=(chromium)
  fc-list :lang=zh family 2>/dev/null | grep -i "cjk" >/dev/null || need+=(fonts-noto-cjk)
  # A Latin-only font, for the test that shows the CJK glyph check fails without CJK fonts.
  [[ -d /usr/share/fonts/truetype/dejavu ]] || need+=(fonts-dejavu-core)
  if ((${#need[@]})); then
    step "从 Debian 安装 / Installing from Debian: ${need[*]} (for the browser tests; 1–3 minutes the first time)"
    _apt_install "${need[@]}" fontconfig
  fi
}

ensure_validator_tools() {
  # The Nu HTML validator (npm vnu-jar, pinned in package-lock.json) for the HTML audit: Java and Node.
  local need=()
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v npm >/dev/null || need+=(nodejs npm)
  if ((${#need[@]})); then
    step "从 Debian 安装 / Installing from Debian: ${need[*]} (for the HTML audit; about a minute the first time)"
    _apt_install "${need[@]}"
  fi
  if [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]]; then
    step "安装 HTML 校验器 / Installing the Nu HTML validator (npm, about 20 s)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

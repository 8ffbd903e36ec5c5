# Sourced by the scripts: makes a fresh machine ready, quickly when it already is. The site's Python
# packages go into .venv: the product jiaoliu, at the version requirements.txt pins, and what it
# needs. Written by `jiaoliu new`; `jiaoliu upgrade` changes only requirements.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true PIP_DISABLE_PIP_VERSION_CHECK=1

step() { echo "→ $*" >&2; }

ensure_product() {
  if [[ -n "${JIAOLIU_PYTHON:-}" ]]; then  # an environment that already holds the product
    export PATH="$(dirname "$JIAOLIU_PYTHON"):$PATH"
    return
  fi
  if [[ ! -x .venv/bin/python ]]; then
    step "创建 Python 环境 .venv / Creating the Python environment .venv"
    python3 -m venv .venv || { echo "sudo apt install python3-venv" >&2; exit 1; }
  fi
  local want
  want="$(sha256sum requirements.txt | cut -d' ' -f1)"
  if [[ "$(cat .venv/.installed 2>/dev/null)" != "$want" ]]; then
    step "安装 jiaoliu 及其依赖（首次约 1 分钟）/ Installing jiaoliu and what it needs (about a minute the first time)"
    .venv/bin/python -m pip install --quiet -r requirements.txt
    echo "$want" > .venv/.installed
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

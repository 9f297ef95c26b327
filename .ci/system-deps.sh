#!/usr/bin/env bash
# System programs and fonts for the browser and office tests (Debian, run as root or with sudo):
# Debian's Chromium driven by the Python package playwright (never `playwright install`: the
# browser is /usr/bin/chromium), LibreOffice Writer and poppler for DOCX -> PDF -> text/PNG, and
# free CJK fonts with a fontconfig file (.ci/fonts.conf) that maps the GB/T 9704 font names
# (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体) to them. The Fandol fonts are taken out of
# texlive-lang-chinese without installing that package (it pulls in a whole TeX Live).
# Idempotent: when everything is present it only checks, and apt-get update is not run.
set -euo pipefail

start_ms=$(( $(date +%s%N) / 1000000 ))
here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "system-deps: needs root (or sudo)" >&2; exit 1; }
  sudo="sudo"
fi

APT_PACKAGES=(
  fontconfig
  libatomic1  # Playwright's bundled node needs it
  chromium
  libreoffice-writer-nogui
  poppler-utils
  fonts-noto-cjk
  fonts-liberation2
  fonts-arphic-ukai
  fonts-arphic-uming
  fonts-wqy-zenhei
)
FANDOL_DIR=/usr/local/share/fonts/fandol
FANDOL_FILES=(FandolFang-Regular FandolKai-Regular FandolHei-Regular FandolHei-Bold FandolSong-Regular FandolSong-Bold)
FONTS_CONF=/etc/fonts/conf.d/99-regtext-gbt9704.conf
PYTHON=${PYTHON:-$(command -v python || command -v python3)}

done_items=()
updated=0
apt_update() {
  if [ "$updated" -eq 0 ]; then
    $sudo apt-get update -qq
    updated=1
  fi
}

# 1. Debian packages that are not installed yet.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt_update
  $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
  done_items+=("${missing[@]}")
fi

# 2. The Fandol OTFs (仿宋 楷体 黑体 宋体) out of texlive-lang-chinese, without installing it.
fandol_missing=0
for f in "${FANDOL_FILES[@]}"; do
  [ -f "$FANDOL_DIR/$f.otf" ] || fandol_missing=1
done
fonts_changed=0
if [ "$fandol_missing" -eq 1 ]; then
  apt_update
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"
  id _apt >/dev/null 2>&1 && chown _apt "$tmp"  # lets apt download sandboxed, without a warning
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null)
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  $sudo mkdir -p "$FANDOL_DIR"
  for f in "${FANDOL_FILES[@]}"; do
    src=$(find "$tmp/x" -name "$f.otf" -print -quit)
    [ -n "$src" ] || { echo "system-deps: $f.otf not found in texlive-lang-chinese" >&2; exit 1; }
    $sudo install -m 644 "$src" "$FANDOL_DIR/"
  done
  rm -rf "$tmp"
  trap - EXIT
  done_items+=("Fandol fonts")
  fonts_changed=1
fi

# 3. The fontconfig aliases for the GB/T 9704 font names.
if ! cmp -s "$here/fonts.conf" "$FONTS_CONF"; then
  $sudo install -m 644 "$here/fonts.conf" "$FONTS_CONF"
  done_items+=("$FONTS_CONF")
  fonts_changed=1
fi
if [ "$fonts_changed" -eq 1 ] || [ "${#missing[@]}" -gt 0 ]; then
  $sudo fc-cache -f >/dev/null
fi

# 4. Playwright for Python (its Node driver is in the wheel; the browser is Debian's Chromium).
if ! "$PYTHON" -c "import playwright.sync_api" 2>/dev/null; then
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q "playwright>=1.40"
  done_items+=("playwright (pip)")
fi

ms=$(( $(date +%s%N) / 1000000 - start_ms ))
took="$(( ms / 1000 )).$(( ms % 1000 / 100 ))s"
if [ "${#done_items[@]}" -gt 0 ]; then
  echo "system-deps: installed ${done_items[*]} in $took"
else
  echo "system-deps: all present (chromium, libreoffice-writer-nogui, poppler-utils, CJK fonts, Fandol, fonts.conf, playwright) in $took"
fi

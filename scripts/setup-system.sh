#!/usr/bin/env bash
# Installs the system programs the tests and the main job use, if they are missing:
#   chromium (+ chromium-headless-shell, faster for PDFs), LibreOffice Calc/Writer (headless
#   recalculation and .docx conversion), poppler-utils (pdftotext, pdffonts, pdftoppm),
#   libxml2-utils (xmllint, offline manifest validation), fonts-hanazono (HanaMinB: reports print
#   CJK Extension B–F characters with it).
# Idempotent: does nothing when everything is present. Set PLAN_LEDGER_SKIP_SETUP=1 to skip.
set -euo pipefail
[ "${PLAN_LEDGER_SKIP_SETUP:-}" = "1" ] && exit 0

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/chromium-headless-shell ] || [ -x /usr/lib/chromium/chromium-headless-shell ] || need+=(chromium-headless-shell)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || need+=(fonts-hanazono)
[ ${#need[@]} -eq 0 ] && exit 0

echo "plan-ledger setup: installing ${need[*]} (需要安装系统软件包)" >&2
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "plan-ledger setup: not root; please run as root: apt-get install -y ${need[*]}" >&2
    echo "plan-ledger setup: 当前用户不是 root，请以 root 身份安装上述软件包。" >&2
    exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
# xmllint and soffice sanity check
for c in soffice pdftotext xmllint; do command -v "$c" >/dev/null || { echo "plan-ledger setup: $c still missing" >&2; exit 1; }; done

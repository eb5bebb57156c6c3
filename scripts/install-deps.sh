#!/usr/bin/env bash
# Installs what ngoaivu needs to build, run, test and benchmark on Debian 12, and does
# nothing when all of it is present. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  build-essential pkg-config
  # fuzzing (libFuzzer)
  clang libclang-rt-14-dev
  # libraries (see docs/architecture.md for why each)
  libmicrohttpd-dev libsqlite3-dev libjansson-dev libutf8proc-dev libsodium-dev libcsv-dev
  libxlsxwriter-dev libical-dev libcurl4-openssl-dev
  # ICU (the Unicode CLDR): vetted country names in Vietnamese and English, Vietnamese order
  libicu-dev
  # sd_notify: readiness, watchdog and stop notices to systemd (deploy/ngoaivu.service)
  libsystemd-dev
  # IATI: every document written is validated against the schemas (libxml2); the tests
  # check it again with xmllint, a client nobody here wrote
  libxml2-dev libxml2-utils
  # the bulletin: Markdown (cmark, the CommonMark reference), images resized and stripped
  # (libvips); reports and the issue PDF drawn once with cairo + pango (Liberation Serif 2,
  # embedded; Lao, Khmer, Thai, CJK through the Noto fonts); DOCX zipped with zlib
  libcmark-dev libvips-dev libcairo2-dev libpango1.0-dev zlib1g-dev fonts-liberation2
  # tests: readers nobody here wrote: pdftotext/pdffonts/pdfinfo/pdftoppm, a feed parser,
  # an XLSX reader and a DOCX reader (Debian's python3, /usr/bin/python3)
  poppler-utils python3-feedparser python3-openpyxl python3-docx
  # reference data: countries, subdivisions, their Vietnamese names
  iso-codes
  # tests: a browser for the page tests, fonts so that Lao, Khmer, Thai, Korean names render
  chromium fonts-liberation fonts-noto-core fonts-noto-cjk nodejs npm curl sqlite3
  # the systemd test: python3 receives the notify datagrams (node has no unix datagram
  # sockets)
  python3
  # benchmark: load generator and the static-file ceiling
  wrk nginx-light
  # PostgreSQL: the client library of the store's second driver, and the server of the
  # throw-away clusters its tests make (scripts/pg-cluster.sh; unaccent and pg_trgm, the
  # "contrib" extensions, are part of postgresql-15 in Debian 12)
  libpq-dev postgresql-15
  # make scan: two scanners nobody here wrote, against a server on loopback
  sqlmap wapiti
  # the second factor: TOTP codes (RFC 6238) checked by liboath, the QR code of the secret
  # drawn from libqrencode's matrix
  liboath-dev libqrencode-dev
)

missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from elsewhere than Debian (a newer node on PATH is fine)
  if [[ $p == nodejs || $p == npm ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # The tests make clusters of their own: no default cluster (15/main, port 5432, started at
  # install and left running). postgresql-common's createcluster.conf says so before the
  # server package is configured; an existing cluster is left alone.
  if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
    $SUDO apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null
    $SUDO sed -i -E 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
      /etc/postgresql-common/createcluster.conf
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser driver for the page tests (uses Debian's chromium; downloads no browser) and
# the spreadsheet reader that checks the Excel exports, the iCalendar parser (ical.js) that
# checks the calendar feed, the HTML checker (html-validate) and the accessibility checker
# (axe-core) the page tests run over every kind of page, and the GeoJSON validator
# (@placemarkio/check-geojson, the successor of @mapbox/geojsonhint, whose parser is no
# longer installable from npm alone) that checks the map exports.
if [[ ! -d node_modules/playwright-core || ! -d node_modules/exceljs || ! -d node_modules/ical.js ||
      ! -d node_modules/html-validate || ! -d node_modules/axe-core ||
      ! -d node_modules/@placemarkio/check-geojson ]]; then
  echo "install-deps: npm ci (playwright-core, exceljs, ical.js, html-validate, axe-core, check-geojson)"
  npm ci --silent --no-audit --no-fund >/dev/null
fi

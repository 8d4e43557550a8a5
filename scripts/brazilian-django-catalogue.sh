#!/usr/bin/env bash
# Django translates its own interface (the admin, forms, auth) for "pt" in European
# Portuguese ("palavra-passe", "hiperligação"). Prensa's Portuguese is Brazilian by
# default, so this gathers the pt_BR catalogues shipped with the installed Django into
# one "pt" catalogue under var/locale, which settings put on LOCALE_PATHS after
# Prensa's own catalogue. Usage: scripts/brazilian-django-catalogue.sh PYTHON
set -euo pipefail

python=${1:-python3}
django=$("$python" -c 'import django, os; print(os.path.dirname(django.__file__))')
out=var/locale/pt/LC_MESSAGES
mkdir -p "$out"
for domain in django djangojs; do
  mapfile -t catalogues < <(ls "$django"/conf/locale/pt_BR/LC_MESSAGES/$domain.po \
    "$django"/contrib/*/locale/pt_BR/LC_MESSAGES/$domain.po 2>/dev/null)
  [ ${#catalogues[@]} -gt 0 ] || continue
  msgcat --use-first -o "$out/$domain.po" "${catalogues[@]}"
  msgfmt -o "$out/$domain.mo" "$out/$domain.po"
done

#!/bin/sh
# Per-user install of the EduDesk Linux bundle (no root): run it from the unpacked folder.
#   ./install.sh             install or upgrade into ~/.local/lib/edudesk
#   ./install.sh --remove    remove the program (the data folder ~/.local/share/EduDesk is kept)
# An upgrade replaces the program only: the data lives in ~/.local/share/EduDesk.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=$HOME/.local/lib/edudesk
bin=$HOME/.local/bin
desktop=$data/applications/edudesk.desktop
icon=$data/icons/hicolor/256x256/apps/edudesk.png

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$prefix" "$bin/edudesk" "$desktop" "$icon"
  echo "EduDesk đã được gỡ. Dữ liệu vẫn còn ở $data/EduDesk (xóa thư mục đó nếu không cần nữa)."
  exit 0
fi

# Qt's X11 plugin needs libxcb-cursor0, which a fresh Debian or Ubuntu does not have.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if [ -x "$ldconfig" ] && ! "$ldconfig" -p 2>/dev/null | grep -q 'libxcb-cursor\.so\.0'; then
  echo "install.sh: thiếu thư viện libxcb-cursor0, cửa sổ EduDesk sẽ không mở được; hãy cài: sudo apt install libxcb-cursor0" >&2
fi
[ -x "$here/edudesk" ] || { echo "install.sh: không thấy $here/edudesk" >&2; exit 1; }
if [ "$here" != "$prefix" ]; then
  rm -rf "$prefix.new"
  mkdir -p "$prefix.new"
  cp -a "$here/." "$prefix.new/"
  rm -rf "$prefix"
  mv "$prefix.new" "$prefix"
fi
mkdir -p "$bin" "$(dirname "$desktop")" "$(dirname "$icon")"
ln -sf "$prefix/edudesk" "$bin/edudesk"
cp "$prefix/edudesk.png" "$icon"
sed -e "s|^Exec=.*|Exec=\"$prefix/edudesk\"|" -e "s|^Icon=.*|Icon=$icon|" \
  "$prefix/edudesk.desktop" >"$desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "EduDesk đã được cài vào $prefix (lệnh: $bin/edudesk; có trong menu ứng dụng)."

"""Build the frozen EduDesk for the platform this runs on (PyInstaller, one folder).

    uv run python installer/build.py            # dist/edudesk/ (+ the Linux tarball or Windows setup)
    uv run python installer/build.py --smoke    # then run the frozen --version and selftest
    uv run python installer/build.py --keep-all-qt   # no Qt exclusions, into build/full/ (to compare)

Linux: dist/edudesk/edudesk and dist/edudesk-<version>-linux-<arch>.tar.gz (with the
.desktop file, the icon and a per-user install script). Windows: dist\\edudesk\\edudesk.exe,
edudesk-cli.exe and, when Inno Setup's ISCC.exe is found, dist\\edudesk-<version>-windows-setup.exe.
The icon is drawn here with Pillow (a dependency of ReportLab) so no binary is kept in git.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
SPEC = INSTALLER / "edudesk.spec"
ICON_DIR = ROOT / "build" / "icon"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, GOLD, WHITE = (24, 86, 160, 255), (244, 190, 40, 255), (255, 255, 255, 255)


def version() -> str:
    """The version from services/core/about.py (read, not imported: the build needs no app imports)."""
    text = (ROOT / "services" / "core" / "about.py").read_text(encoding="utf-8")
    match = re.search(r'^VERSION\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("build.py: VERSION not found in services/core/about.py")
    return match.group(1)


def make_icons(folder: Path = ICON_DIR) -> tuple[Path, Path]:
    """edudesk.png (256 px) and edudesk.ico (16-256 px): a blue tile, a white E, a gold bar."""
    from PIL import Image, ImageDraw, ImageFont

    folder.mkdir(parents=True, exist_ok=True)
    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, size - 8, size - 8), radius=44, fill=BLUE)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "LiberationSerif-Bold.ttf"), 190)
    draw.text((size / 2, size / 2 - 14), "E", font=font, fill=WHITE, anchor="mm")
    draw.rounded_rectangle((58, 194, size - 58, 214), radius=8, fill=GOLD)
    png, ico = folder / "edudesk.png", folder / "edudesk.ico"
    image.save(png)
    image.save(ico, sizes=[(s, s) for s in ICON_SIZES])
    return png, ico


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def run_pyinstaller(dist: Path, work: Path, icon: Path, keep_all_qt: bool) -> None:
    env = dict(os.environ, EDUDESK_ICON=str(icon))
    if keep_all_qt:
        env["EDUDESK_KEEP_ALL_QT"] = "1"
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    print("build.py:", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def linux_tarball(app: Path, png: Path, ver: str) -> Path:
    """The app folder plus edudesk.desktop, edudesk.png and install.sh, under edudesk/."""
    out = app.parent / f"edudesk-{ver}-linux-{platform.machine()}.tar.gz"

    def owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname="edudesk", filter=owner)
        tar.add(INSTALLER / "edudesk.desktop", arcname="edudesk/edudesk.desktop", filter=owner)
        tar.add(png, arcname="edudesk/edudesk.png", filter=owner)
        tar.add(INSTALLER / "install-linux.sh", arcname="edudesk/install.sh", filter=owner)
    return out


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (
        os.environ.get("PROGRAMFILES(X86)"),
        os.environ.get("PROGRAMFILES"),
        os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs"),
    ):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def windows_setup(ver: str, ico: Path, dist: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("build.py: Inno Setup 6 (ISCC.exe) not found: dist\\edudesk\\ is built, the setup is not.")
        return None
    cmd = [
        str(iscc),
        f"/DAppVersion={ver}",
        f"/DAppSource={dist / 'edudesk'}",
        f"/DAppIcon={ico}",
        f"/O{dist}",
        str(INSTALLER / "edudesk.iss"),
    ]
    print("build.py:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)
    return dist / f"edudesk-{ver}-windows-setup.exe"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def smoke(app: Path) -> None:
    """Run the frozen --version and selftest in a scratch home; nothing may change in the app folder."""
    exe = app / ("edudesk-cli.exe" if sys.platform == "win32" else "edudesk")
    before = snapshot(app)
    with tempfile.TemporaryDirectory(prefix="edudesk-smoke-") as scratch:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            HOME=scratch,
            USERPROFILE=scratch,
            XDG_DATA_HOME=f"{scratch}/data",
            XDG_CONFIG_HOME=f"{scratch}/config",
            XDG_CACHE_HOME=f"{scratch}/cache",
            APPDATA=f"{scratch}/appdata",
            LOCALAPPDATA=f"{scratch}/localappdata",
        )
        env.pop("EDUDESK_DB", None)
        out = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, check=True)
        print("frozen --version:", out.stdout.strip() or out.stderr.strip())
        db = Path(scratch) / "work" / "f.sqlite"
        db.parent.mkdir()
        start = time.perf_counter()
        out = subprocess.run(
            [str(exe), "--db", str(db), "selftest"],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=scratch,
        )
        seconds = time.perf_counter() - start
        if out.returncode != 0:
            print(out.stdout[-3000:], out.stderr[-3000:], sep="\n", file=sys.stderr)
            raise SystemExit(f"build.py: frozen selftest failed (exit {out.returncode})")
        print(f"frozen selftest ({seconds:.1f} s): {summary(out.stdout)}")
        written = sorted(str(p.relative_to(scratch)) for p in Path(scratch).rglob("*") if p.is_file())
        print("frozen run wrote (scratch home):", ", ".join(written) or "nothing")
    after = snapshot(app)
    changed = sorted(set(after) ^ set(before) | {k for k in before if after.get(k) != before[k]})
    if changed:
        raise SystemExit(f"build.py: the frozen app wrote into its own folder: {changed[:10]}")
    print("frozen run wrote nothing into", app)


def summary(stdout: str) -> str:
    try:
        data = json.loads(stdout[stdout.index("{") :])
    except ValueError:
        return stdout.strip()[-500:]
    pages = data.get("pages", [])
    built = sum(1 for p in pages if p.get("built"))
    return (
        f"ok={data.get('ok')} version={data.get('version')} platform={data.get('platform')} "
        f"resources={data.get('resources')} english={data.get('english')} "
        f"pages={built}/{len(pages)} built, errors={len(data.get('errors', []))}, "
        f"main_window_ms={data.get('main_window_ms')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="run the frozen --version and selftest")
    parser.add_argument(
        "--keep-all-qt",
        action="store_true",
        help="no Qt exclusions, built into build/full/ (to measure what they save)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    ver = version()
    png, ico = make_icons()
    icon = ico if sys.platform == "win32" else png
    if args.keep_all_qt:
        dist, work = ROOT / "build" / "full", ROOT / "build" / "pyinstaller-full"
    else:
        dist, work = ROOT / "dist", ROOT / "build" / "pyinstaller"
    run_pyinstaller(dist, work, icon, args.keep_all_qt)
    app = dist / "edudesk"
    size, count = folder_size(app)
    print(f"build.py: {app} {mib(size)} in {count} files (EduDesk {ver}, {platform.system()})")
    if not args.keep_all_qt:
        if sys.platform.startswith("linux"):
            tarball = linux_tarball(app, png, ver)
            print(f"build.py: {tarball} {mib(tarball.stat().st_size)}")
        elif sys.platform == "win32":
            setup = windows_setup(ver, ico, dist)
            if setup and setup.exists():
                print(f"build.py: {setup} {mib(setup.stat().st_size)}")
    print(f"build.py: build time {time.perf_counter() - start:.0f} s", flush=True)
    if args.smoke:
        smoke(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())

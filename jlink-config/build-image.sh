#!/usr/bin/env bash
# Builds target/dist/MarginLab/: a jlink runtime (modules.txt, jlink.options) and a jpackage app image
# (jpackage.options) holding the jar, its libraries and the bundled Fashion-MNIST. Run after
# `mvn package` (the dist profile does both: mvn -Pdist package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cfg="$root/jlink-config"
. "$cfg/find-jdk.sh"
find_jdk || exit 1
target="$root/target"
[ -f "$target/marginlab.jar" ] || { echo "build-image: target/marginlab.jar missing; run mvn -Pdist package" >&2; exit 1; }

work="$target/dist-work"
rm -rf "$work" "$target/dist"
mkdir -p "$work/fxmods" "$work/input/lib" "$target/dist"
# JavaFX's platform jars are real modules and go into the runtime; everything else stays a jar.
cp "$target"/lib/javafx-*-linux.jar "$work/fxmods/"
for j in "$target"/lib/*.jar; do
  case "$(basename "$j")" in javafx-*) ;; *) cp "$j" "$work/input/lib/" ;; esac
done
cp "$target/marginlab.jar" "$work/input/"
mkdir -p "$work/input/datasets"
cp -r "$root/datasets/fashion-mnist" "$work/input/datasets/"

modules="$(grep -v '^#' "$cfg/modules.txt" | grep -v '^ *$' | paste -sd, -)"
"$JDK_HOME/bin/jlink" @"$cfg/jlink.options" --module-path "$work/fxmods" --add-modules "$modules" --output "$work/runtime"
"$JDK_HOME/bin/jpackage" @"$cfg/jpackage.options" \
  --input "$work/input" --runtime-image "$work/runtime" \
  --icon "$root/assets/icons/marginlab-256.png" --dest "$target/dist"
rm -rf "$work"
echo "build-image: $(du -sh "$target/dist/MarginLab" | cut -f1) in target/dist/MarginLab (launcher: target/dist/MarginLab/bin/MarginLab)"

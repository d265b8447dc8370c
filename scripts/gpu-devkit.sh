#!/usr/bin/env bash
# Packs .devkit/ for the GPU machine (../shared/tools/devkit.sh), then keeps it lean, so that
# .devkit plus the working tree stay well under the device tool's 64 MiB carry limit:
#  - drops jars GPU runs never load: chart and PDF libraries (bench charts are drawn here, not
#    there), jqwik (property tests of the file readers), ONNX Runtime (the CPU inference peer of
#    `densekit bench infer`; 20 MB, mostly other platforms' native code), and the test-jars of nn-api
#    and native (their classes and fixtures travel in .devkit/tests/nn-api and .devkit/tests/native);
#  - keeps only the native libraries that are loaded: of jcuda-natives, libJCudaDriver for
#    linux-x86_64 (densekit uses JCuda's driver API only; the runtime, NVRTC and nvJitLink
#    bindings, 25 MB of the jar's 26, are never loaded), and of jline-native (the progress bar's
#    terminal) the linux-x86_64 library; no other platform's;
#  - lets the runtime unpack elsewhere than /tmp (DEVKIT_JRE_DIR), for a machine whose /tmp is
#    mounted noexec.
# devkit.sh runs from a copy with two changes: it writes to the worktree's own exclude file (in a
# git worktree .git is a file, and writing to .git/info/exclude fails), and it copies the
# dependencies in the same Maven run as the package, so that modules resolve each other from the
# reactor (a separate copy-dependencies run looks for them in ~/.m2, where they may be missing or
# another branch's).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
sed -e "s#\.git/info/exclude#$exclude#g" \
    -e 's#^"$mvn_cmd" -q -DskipTests package$#"$mvn_cmd" -q -DskipTests package dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$root/.devkit/lib"#' \
    -e '/^"$mvn_cmd" -q dependency:copy-dependencies -DincludeScope=test/d' \
    "$root/../shared/tools/devkit.sh" >"$tmp/devkit.sh"
grep -q 'package dependency:copy-dependencies' "$tmp/devkit.sh" \
  || { echo "gpu-devkit: ../shared/tools/devkit.sh changed; update the patch in $0" >&2; exit 1; }
bash "$tmp/devkit.sh"

rm -f .devkit/lib/nn-api-*-tests.jar .devkit/lib/native-*-tests.jar .devkit/lib/xchart-*.jar .devkit/lib/pdfbox*.jar .devkit/lib/fontbox-*.jar \
      .devkit/lib/graphics2d-*.jar .devkit/lib/VectorGraphics2D-*.jar .devkit/lib/animated-gif-lib-*.jar \
      .devkit/lib/jqwik-*.jar .devkit/lib/onnxruntime-*.jar

# Native code inside jars: keep what is loaded, delete the rest.
keep='^(lib/libJCudaDriver-[0-9.]*-linux-x86_64\.so|org/jline/nativ/Linux/x86_64/libjlinenative\.so)$'
for jar in .devkit/lib/*.jar; do
  entries=$(unzip -Z1 "$jar")
  natives=$(grep -E '\.(so|dll|dylib|jnilib)$' <<<"$entries" | grep -Ev "$keep" || true)
  if [ -n "$natives" ]; then
    # shellcheck disable=SC2086
    zip -q -d "$jar" $natives
    echo "gpu-devkit: dropped from $(basename "$jar"): $(echo $natives | tr '\n' ' ')"
  fi
done
entries=$(unzip -Z1 .devkit/lib/jcuda-natives-*.jar)
grep -Eq "$keep" <<<"$entries" || { echo "gpu-devkit: jcuda-natives lacks libJCudaDriver for linux-x86_64" >&2; exit 1; }

# The runtime's folder: DEVKIT_JRE_DIR, else /tmp/devkit-jre as before.
sed -i 's#/tmp/devkit-jre#${DEVKIT_JRE_DIR:-/tmp/devkit-jre}#g' .devkit/run.sh

devkit=$(du -sb .devkit | cut -f1)
tree=$( (git ls-files -z; git ls-files -z --others --exclude-standard) | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
echo "gpu-devkit: .devkit $((devkit / 1048576)) MiB + working tree $((tree / 1048576)) MiB = $(((devkit + tree) / 1048576)) MiB (limit 64)"

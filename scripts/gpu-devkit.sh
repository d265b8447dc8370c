#!/usr/bin/env bash
# Packs .devkit/ for the GPU machine (../shared/tools/devkit.sh), then drops what GPU runs never
# load, so that .devkit plus the working tree stay under the device tool's 64 MiB carry limit:
# chart and PDF libraries (bench charts are drawn here, not there), jqwik (property tests of the
# file readers), and nn-api's test-jar (its classes and fixtures travel in .devkit/tests/nn-api).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
"$root/../shared/tools/devkit.sh"
rm -f .devkit/lib/nn-api-*-tests.jar .devkit/lib/xchart-*.jar .devkit/lib/pdfbox*.jar .devkit/lib/fontbox-*.jar \
      .devkit/lib/graphics2d-*.jar .devkit/lib/VectorGraphics2D-*.jar .devkit/lib/animated-gif-lib-*.jar \
      .devkit/lib/jqwik-*.jar
devkit=$(du -sb .devkit | cut -f1)
tree=$( (git ls-files -z; git ls-files -z --others --exclude-standard) | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
echo "gpu-devkit: .devkit $((devkit / 1048576)) MiB + working tree $((tree / 1048576)) MiB = $(((devkit + tree) / 1048576)) MiB (limit 64)"

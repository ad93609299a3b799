<?php
// The PDF benchmark's baseline: Debian's dompdf 2 (php-dompdf) rendering one HTML file over and over,
// the way a WordPress invoice plugin renders one invoice per request. bench/pdf.bench.ts starts two
// of these side by side (one per core) and reads the JSON line this prints at the end.
//
//   php bench/pdf-dompdf.php INVOICE.html WARMUP_SECONDS MEASURE_SECONDS WORK_DIR [OUT.pdf]
declare(strict_types=1);

require_once '/usr/share/php/dompdf/autoload.php';

use Dompdf\Dompdf;
use Dompdf\Options;

[$script, $htmlFile, $warmup, $measure, $workDir] = array_pad($argv, 5, null);
$sample = $argv[5] ?? null;
if ($htmlFile === null || $workDir === null) {
    fwrite(STDERR, "usage: php {$script} INVOICE.html WARMUP_SECONDS MEASURE_SECONDS WORK_DIR [OUT.pdf]\n");
    exit(64);
}
$html = file_get_contents($htmlFile);
if ($html === false) {
    fwrite(STDERR, "cannot read {$htmlFile}\n");
    exit(66);
}

// Debian removed the font metrics (.ufm) that upstream dompdf ships for DejaVu, its default Unicode
// font, and keeps the font folder read-only: out of the box every glyph is a warning and the PDF
// has no usable text. Plugins bundle upstream dompdf with those metrics, so they are regenerated
// here once, outside the measured time, the way upstream builds them (php-font-lib), into a scratch
// root that links everything else to Debian's files.
function prepare_dompdf_root(string $workDir): string
{
    $debianRoot = '/usr/share/php/dompdf';
    $root = $workDir . '/dompdf-root';
    $fonts = $root . '/lib/fonts';
    if (!is_dir($fonts) && !mkdir($fonts, 0777, true) && !is_dir($fonts)) {
        throw new RuntimeException("cannot create {$fonts}");
    }
    if (!file_exists($root . '/lib/res')) {
        symlink($debianRoot . '/lib/res', $root . '/lib/res');
    }
    foreach (glob($debianRoot . '/lib/fonts/*') ?: [] as $file) {
        $link = $fonts . '/' . basename($file);
        if (!file_exists($link)) {
            symlink((string) realpath($file), $link);
        }
        if (str_ends_with($file, '.ttf')) {
            $metrics = substr($link, 0, -4) . '.ufm';
            if (!file_exists($metrics)) {
                $font = \FontLib\Font::load($link);
                $font->parse();
                $font->saveAdobeFontMetrics($metrics);
                $font->close();
            }
        }
    }
    if (!is_dir($workDir . '/tmp')) {
        mkdir($workDir . '/tmp', 0777, true);
    }
    return $root;
}

$root = prepare_dompdf_root($workDir);

// Any PHP warning means the numbers are not those of a working setup: counted and reported.
$warnings = 0;
$firstWarning = null;
set_error_handler(function (int $severity, string $message, string $file, int $line) use (&$warnings, &$firstWarning): bool {
    $warnings++;
    $firstWarning ??= "{$message} ({$file}:{$line})";
    return true;
});

// Defaults as a plugin ships them, with the scratch root above.
function render_pdf(string $html, string $root, string $workDir): string
{
    $options = new Options();
    $options->setRootDir($root);
    $options->setChroot([$root]);
    $options->setFontDir($root . '/lib/fonts');
    $options->setFontCache($root . '/lib/fonts');
    $options->setTempDir($workDir . '/tmp');
    $options->setIsRemoteEnabled(false);
    $dompdf = new Dompdf($options);
    $dompdf->loadHtml($html, 'UTF-8');
    $dompdf->setPaper('A4', 'portrait');
    $dompdf->render();
    return (string) $dompdf->output();
}

$warmupUntil = microtime(true) + (float) $warmup;
$pdf = '';
do {
    $pdf = render_pdf($html, $root, $workDir);
} while (microtime(true) < $warmupUntil);

if (strncmp($pdf, '%PDF-', 5) !== 0) {
    fwrite(STDERR, "dompdf did not produce a PDF\n");
    exit(70);
}
if ($sample !== null) {
    file_put_contents($sample, $pdf);
}

function cpu_seconds(): float
{
    $usage = getrusage();
    return $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6 + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6;
}

$latencies = [];
$cpuAtStart = cpu_seconds();
$started = microtime(true);
$until = $started + (float) $measure;
while (microtime(true) < $until) {
    $t0 = hrtime(true);
    $pdf = render_pdf($html, $root, $workDir);
    $latencies[] = (hrtime(true) - $t0) / 1e6;
}
$elapsed = microtime(true) - $started;
$cpu = cpu_seconds() - $cpuAtStart;

echo json_encode([
    'renders' => count($latencies),
    'seconds' => $elapsed,
    'cpu_seconds' => $cpu,
    'latencies_ms' => $latencies,
    'pdf_bytes' => strlen($pdf),
    'warnings' => $warnings,
    'first_warning' => $firstWarning,
    'dompdf' => trim((string) @file_get_contents('/usr/share/php/dompdf/VERSION')),
    'php' => PHP_VERSION,
]), "\n";

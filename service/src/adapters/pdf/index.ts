export * from './pdf-renderer';
export {
  createChromiumPdfRenderer,
  type ChromiumPdfRenderer,
  type ChromiumPdfRendererOptions,
  type ChromiumPdfRendererStats,
  type PdfLogger,
} from './chromium-pdf-renderer';

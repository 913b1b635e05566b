/**
 * The report page's stylesheet, inlined in index.html (no external fonts or
 * images). On screen: one readable column that narrows to a phone, tables
 * that scroll sideways rather than overflow, numbers right-aligned in
 * tabular figures. In print: A4 pages with margins, each section on a new
 * page, no break inside a figure, a table row or a list of facts, table
 * headers repeated on every page, and link targets written out.
 */
export const REPORT_CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;padding:1.5rem 1.25rem 3rem;max-width:62rem;font:1rem/1.5 "DejaVu Sans",Verdana,"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.4rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:2px solid #d0d0d0}
.subtitle{margin:.15rem 0;color:#444}
nav.toc{margin:1.5rem 0;padding:.75rem 1rem;background:#f5f5f5;border-left:4px solid #0072b2}
nav.toc h2{font-size:1.05rem;margin:0 0 .25rem;padding:0;border:0}
nav.toc ol{margin:0;padding-left:1.5rem}
a{color:#005a8c}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1.25rem;margin:1rem 0}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto;margin:1rem 0 1.5rem}
table{border-collapse:collapse;font-size:.9rem;min-width:50%}
caption{text-align:left;font-weight:bold;padding:.25rem 0 .5rem;caption-side:top}
th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top;text-align:left}
thead th{border-bottom:2px solid #888;background:#f5f5f5}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:1.5rem 0}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:.9rem;color:#444;margin-top:.4rem}
td.hash{font-family:"DejaVu Sans Mono",monospace;font-size:.72rem;word-break:break-all;min-width:9rem}
.cut{font-size:.85rem;color:#444;margin:.4rem 0 0}
.notes{font-size:.9rem;color:#444}
footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid #d0d0d0;font-size:.85rem;color:#444}
@media (max-width:40rem){
  body{padding:1rem .75rem 2rem;font-size:.95rem}
  h1{font-size:1.45rem}
  h2{font-size:1.2rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dd{margin-bottom:.4rem}
  table{font-size:.8rem}
  th,td{padding:.25rem .4rem}
}
@page{size:A4;margin:18mm 15mm 20mm 15mm}
@media print{
  body{max-width:none;padding:0;font-size:10pt;color:#000}
  h2{border-top:0;margin-top:0;break-before:page;page-break-before:always;break-after:avoid;page-break-after:avoid}
  nav.toc h2{break-before:auto;page-break-before:auto}
  nav.toc{background:none;border-left:2px solid #000}
  caption,h3{break-after:avoid;page-break-after:avoid}
  figure,tr,dl.facts,.notes{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  tfoot{display:table-footer-group}
  .table-wrap{overflow:visible}
  table{font-size:8.5pt;width:100%}
  a{color:#000;text-decoration:underline}
  a[href]:not([href^="#"])::after{content:" (" attr(href) ")";font-size:80%}
  figure svg{max-height:230mm}
  footer{break-before:avoid}
}
`.trim()

/**
 * Hands a file to the user with <a download> (Windows' WebView2, Excel on the web). Ask
 * office-env.ts fileRoute first: Excel for Mac's webview ignores it.
 */
export function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 10_000);
}

// Puppeteer must never download a browser: we launch Debian's chromium (see reports/pdf).
module.exports = { skipDownload: true };

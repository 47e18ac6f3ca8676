// whatsapp-web.js drives Debian's Chromium (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium): Puppeteer's own browser
// download is never used, and it fails where only the npm registry is reachable. A plain `npm ci` skips it.
module.exports = { skipDownload: true };

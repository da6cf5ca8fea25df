// Browsers come from Debian's packages (see .ci/run); puppeteer must never download its own.
module.exports = { skipDownload: true };

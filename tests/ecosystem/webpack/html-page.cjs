// Writes index.html and worker.html beside the bundles (a page per entry).
module.exports = class HtmlPage {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('HtmlPage', (compilation) => {
      compilation.hooks.processAssets.tap('HtmlPage', () => {
        const { RawSource } = compiler.webpack.sources;
        for (const [name, script] of [['index.html', 'page.js'], ['worker.html', 'worker-page.js']]) {
          const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script defer src="${script}"></script>`;
          compilation.emitAsset(name, new RawSource(html));
        }
      });
    });
  }
};

// The portal works without script; this only adds conveniences. No inline script anywhere (CSP script-src 'self').
document.addEventListener('DOMContentLoaded', () => {
  // filter the measures of the plan overview as one types (the field stays hidden without script)
  document.querySelectorAll('input[data-filter-target]').forEach((input) => {
    const rows = Array.from(document.querySelectorAll(input.dataset.filterTarget));
    const fold = (s) => s.toLocaleLowerCase('az')
      .replace(/ə/g, 'e').replace(/ı/g, 'i').replace(/i̇/g, 'i')
      .normalize('NFD').replace(/\p{M}+/gu, '');
    const texts = rows.map((r) => fold(r.dataset.search || r.textContent));
    input.hidden = false;
    input.addEventListener('input', () => {
      const terms = fold(input.value).split(/\s+/).filter(Boolean);
      rows.forEach((row, i) => {
        row.hidden = terms.length > 0 && !terms.every((t) => texts[i].includes(t));
      });
      document.querySelectorAll('.section-block').forEach((block) => {
        block.hidden = terms.length > 0 && block.querySelectorAll('.measure-row:not([hidden])').length === 0;
      });
    });
  });
});

// The workspace works without JavaScript; this only helps: focus the error summary or conflict notice after a
// refused form, so that screen readers and keyboard users land on it.
(function () {
  'use strict';
  function focusProblems() {
    var target = document.getElementById('error-summary') || document.getElementById('conflict');
    if (target) {
      if (!target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus();
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', focusProblems);
  } else {
    focusProblems();
  }
})();

// Checks forms in the browser before they are sent: the fields carry data-val-* attributes that FluentValidation's
// client-side adapters derive from the page model's validator, and the vendored aspnet-client-validation
// (wwwroot/lib, tools/vendor-js.sh) applies them — no jQuery. The server checks everything again and shows its
// own messages in the same spans, so a page works the same without JavaScript.
(() => {
  'use strict';
  if (typeof aspnetValidation === 'undefined') {
    return;
  }

  new aspnetValidation.ValidationService().bootstrap({ watch: false });
  // Lets tests wait until the checks are attached.
  document.documentElement.dataset.clientValidation = 'ready';
})();

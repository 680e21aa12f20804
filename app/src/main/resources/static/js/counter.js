// Counter helpers: copy the code for the HIS, and fill the PID from a card reader if present.
(function () {
  var copy = document.getElementById('copy-code');
  if (copy && navigator.clipboard) {
    copy.addEventListener('click', function () { navigator.clipboard.writeText(copy.getAttribute('data-code')); });
  }
  var read = document.getElementById('read-card');
  if (read) {
    read.addEventListener('click', function () {
      fetch('counter/card').then(function (r) { return r.ok ? r.json() : null; }).then(function (card) {
        if (card) { document.getElementById('nationalId').value = card.nationalId; }
      });
    });
  }
})();

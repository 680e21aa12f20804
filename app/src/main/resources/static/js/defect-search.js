// Narrows the ICD-10 chapter Q list as the clerk types a code or a Thai/English word;
// chosen items stay visible so nothing selected is hidden.
(function () {
  var search = document.getElementById('defectSearch');
  var list = document.getElementById('birthDefects');
  if (!search || !list) { return; }
  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    Array.prototype.forEach.call(list.options, function (o) {
      o.hidden = q !== '' && !o.selected && o.text.toLowerCase().indexOf(q) < 0;
    });
  });
})();

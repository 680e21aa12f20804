// Polls the batch once a second while it runs, so the clerk sees rows move without reloading.
(function () {
  var box = document.getElementById('progress');
  if (!box) { return; }
  var id = box.getAttribute('data-batch');
  function label(status) { return box.getAttribute('data-label-' + status.toLowerCase()) || status; }
  function poll() {
    fetch('/entitlement-changes/batches/' + id + '/progress', {credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) {
        if (!b) { return; }
        document.getElementById('rows-read').textContent = b.rows;
        document.getElementById('rows-applied').textContent = b.applied;
        document.getElementById('rows-noops').textContent = b.noOps;
        document.getElementById('rows-conflicts').textContent = b.conflicts;
        document.getElementById('rows-rejected').textContent = b.rejected;
        var bar = document.getElementById('batch-bar');
        bar.max = Math.max(b.rows, 1);
        bar.value = b.rowsDone;
        document.getElementById('batch-status').textContent = label(b.status);
        if (b.status === 'QUEUED' || b.status === 'RUNNING') { setTimeout(poll, 1000); }
        else if (b.messageTh) { location.reload(); }
      });
  }
  poll();
})();

// The case page's process diagram: bpmn-js NavigatedViewer with the case's current steps
// marked (class "current-step") and the history table beside it. Data from
// /processes/{processKey}/{businessKey}/diagram (area-checked on the server).
(function () {
  'use strict';
  var section = document.getElementById('process-diagram');
  if (!section || typeof BpmnJS === 'undefined') {
    return;
  }
  var canvasEl = document.getElementById('diagram-canvas');
  var tbody = document.querySelector('#diagram-history tbody');
  var message = document.getElementById('diagram-message');
  var viewer = new BpmnJS({ container: canvasEl });

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text || '';
    row.appendChild(td);
    return td;
  }

  function show(data) {
    tbody.innerHTML = '';
    data.history.forEach(function (step) {
      var tr = document.createElement('tr');
      if (step.open) {
        tr.className = 'open-step';
      }
      cell(tr, step.name);
      cell(tr, step.started);
      cell(tr, step.open ? message.dataset.open : step.ended);
      cell(tr, step.who || (step.type === 'userTask' ? '' : message.dataset.system));
      tbody.appendChild(tr);
    });
    return viewer.importXML(data.xml).then(function () {
      var canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      data.currentActivityIds.forEach(function (id) {
        try {
          canvas.addMarker(id, 'current-step');
        } catch (e) {
          // a step of another version's diagram: nothing to mark
        }
      });
      section.dataset.loaded = 'true';
    });
  }

  function load(businessKey) {
    if (!businessKey) {
      return;
    }
    section.hidden = false;
    message.textContent = '';
    var url = section.dataset.url + encodeURIComponent(section.dataset.processKey) + '/'
        + encodeURIComponent(businessKey) + '/diagram';
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(show)
      .catch(function () {
        message.textContent = message.dataset.error;
      });
  }

  document.querySelectorAll('.show-diagram').forEach(function (button) {
    button.addEventListener('click', function () {
      load(button.dataset.businessKey);
      section.scrollIntoView();
    });
  });
  if (section.dataset.businessKey) {
    load(section.dataset.businessKey);
  } else {
    section.hidden = true;
  }
})();

// The dashboards' charts: Chart.js (webjar, served locally) over the JSON in #dashboard-data.
// The same numbers stand in the tables beside each chart.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent || '{}');
  if (typeof Chart === 'undefined' || !data.months) {
    return;
  }
  var colours = ['#0f766e', '#1d4ed8', '#d97706', '#b91c1c', '#7c3aed', '#0891b2', '#65a30d', '#be185d'];
  Chart.defaults.font.family = "'Sarabun', 'Noto Sans Thai', sans-serif";
  Chart.defaults.maintainAspectRatio = false;

  var births = document.getElementById('chart-births');
  if (births) {
    var names = births.dataset.labels.split('|');
    new Chart(births, {
      type: 'bar',
      data: {
        labels: data.months,
        datasets: [
          { label: names[0], data: data.births.notified, backgroundColor: colours[0] },
          { label: names[1], data: data.births.registered, backgroundColor: colours[1] },
          { label: names[2], data: data.births.followUp, backgroundColor: colours[2] }
        ]
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  var transitions = document.getElementById('chart-transitions');
  if (transitions) {
    new Chart(transitions, {
      type: 'bar',
      data: {
        labels: data.months,
        datasets: Object.keys(data.transitions).map(function (change, i) {
          return { label: change, data: data.transitions[change], backgroundColor: colours[i % colours.length] };
        })
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  var coverage = document.getElementById('chart-coverage');
  if (coverage) {
    new Chart(coverage, {
      type: 'line',
      data: {
        labels: data.months,
        datasets: [{ label: coverage.dataset.label, data: data.coverage, borderColor: colours[0],
          backgroundColor: colours[0], spanGaps: true }]
      },
      options: { scales: { y: { min: 0, max: 100 } } }
    });
  }
})();

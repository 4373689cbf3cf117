// The regional indicators' chart, drawn by Chart.js from the figures the page also shows as a table.
(function () {
  var canvas = document.getElementById('graphique-departements');
  if (!canvas || !window.Chart) { return; }
  var data = JSON.parse(canvas.dataset.chart || '{}');
  var colours = ['#0b5d7a', '#b45309', '#15803d', '#7c3aed'];
  data.datasets.forEach(function (set, i) { set.backgroundColor = colours[i % colours.length]; });
  canvas.chart = new Chart(canvas, {
    type: 'bar',
    data: data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'fr-FR',
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true } }
    }
  });
  canvas.dataset.drawn = 'true';
})();

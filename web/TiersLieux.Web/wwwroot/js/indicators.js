// The indicators' charts, drawn by Chart.js from the figures the page also shows as tables: every canvas with a
// data-chart; data-unit="percent" for rates (0 to 100 %), data-axis="y" for horizontal bars.
(function () {
  if (!window.Chart) { return; }
  var colours = ['#0b5d7a', '#b45309', '#15803d', '#7c3aed'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart || '{}');
    var percent = canvas.dataset.unit === 'percent';
    var horizontal = canvas.dataset.axis === 'y';
    data.datasets.forEach(function (set, i) { set.backgroundColor = colours[i % colours.length]; });
    var values = { beginAtZero: true };
    if (percent) {
      values.max = 100;
      values.ticks = { callback: function (value) { return value + ' %'; } };
    }
    var scales = horizontal ? { x: values } : { y: values };
    canvas.chart = new Chart(canvas, {
      type: 'bar',
      data: data,
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: 'fr-FR',
        plugins: {
          legend: { position: 'bottom', display: data.datasets.length > 1 },
          tooltip: percent ? { callbacks: { label: function (item) { return item.dataset.label + ' : ' + item.formattedValue + ' %'; } } } : {}
        },
        scales: scales
      }
    });
    canvas.dataset.drawn = 'true';
  });
})();

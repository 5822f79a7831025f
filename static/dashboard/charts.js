// Bar charts from the figures the server computed (json_script "dashboard-charts"). The same numbers are always
// in the table beside each chart; the charts only help the eye. `window.drawDashboardCharts` redraws them after the
// dashboard swaps in fresh figures.
(() => {
  const COLOURS = ["#005eb8", "#ffb81c", "#007f3b", "#330072"];
  const LINE = 22; // characters of a label's line before it wraps
  let charts = [];

  // Long labels (a survey question, a home group's name) wrap onto lines instead of being cut off.
  function wrap(label) {
    const lines = [];
    for (const word of String(label).split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + word.length < LINE) {
        lines[last] += ` ${word}`;
      } else {
        lines.push(word);
      }
    }
    return lines.length > 1 ? lines : label;
  }

  function draw() {
    charts.forEach((chart) => chart.destroy());
    charts = [];
    const source = document.getElementById("dashboard-charts");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    for (const spec of JSON.parse(source.textContent)) {
      const canvas = document.getElementById(spec.id);
      if (!canvas || spec.labels.length === 0) {
        continue;
      }
      const valueAxis = spec.percent
        ? { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } }
        : { beginAtZero: true, ticks: { precision: 0 } };
      charts.push(new Chart(canvas, {
        type: "bar",
        data: {
          labels: spec.labels.map(wrap),
          datasets: spec.datasets.map((dataset, index) => ({
            label: dataset.label,
            data: dataset.data.map((value) => value ?? 0),
            backgroundColor: COLOURS[index % COLOURS.length],
          })),
        },
        options: {
          indexAxis: spec.horizontal ? "y" : "x",
          animation: false,
          maintainAspectRatio: false,
          scales: spec.horizontal ? { x: valueAxis } : { y: valueAxis },
          plugins: { legend: { display: spec.datasets.length > 1 } },
        },
      }));
    }
  }

  window.drawDashboardCharts = draw;
  draw();
  // Charts redraw at the paper's width when printed.
  window.addEventListener("beforeprint", () => charts.forEach((chart) => chart.resize()));
  window.addEventListener("afterprint", () => charts.forEach((chart) => chart.resize()));
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.classList.remove("d-none");
    button.addEventListener("click", () => window.print());
  });
})();

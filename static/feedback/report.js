// Bar charts beside the report's tables, from the figures the server computed (json_script "report-charts").
// The numbers are always in the table next to each chart; the charts only help the eye.
(() => {
  const source = document.getElementById("report-charts");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  const charts = [];
  for (const data of JSON.parse(source.textContent)) {
    const canvas = document.getElementById(data.id);
    if (!canvas) {
      continue;
    }
    charts.push(new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: "Percent of answers", data: data.percents.map((p) => p ?? 0), backgroundColor: "#005eb8" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: { label: (item) => `${data.percents[item.dataIndex] ?? 0}% (${data.counts[item.dataIndex]})` },
          },
        },
      },
    }));
  }
  // Charts redraw at the paper's width when printed.
  window.addEventListener("beforeprint", () => charts.forEach((chart) => chart.resize()));
  window.addEventListener("afterprint", () => charts.forEach((chart) => chart.resize()));
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();

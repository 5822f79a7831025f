// Draws the scans-per-day chart from the table beside it, so the chart and the numbers never disagree.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("scans-by-day-chart");
  const rows = document.querySelectorAll("#scans-by-day-table tbody tr");
  if (!canvas || !window.Chart) return;
  const labels = Array.from(rows, (row) => row.dataset.label);
  const totals = Array.from(rows, (row) => Number(row.dataset.total));
  new window.Chart(canvas, {
    type: "bar",
    data: { labels, datasets: [{ label: "Scans", data: totals, backgroundColor: "#005eb8" }] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
});

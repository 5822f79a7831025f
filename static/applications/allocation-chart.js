// Charts of an allocation run, drawn from the JSON the page carries; the same numbers are in the tables beside them.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("allocation-chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var common = { responsive: true, maintainAspectRatio: false, animation: false };
    new Chart(document.getElementById("group-chart"), {
      type: "bar",
      data: {
        labels: data.groups.labels,
        datasets: [
          { label: "Students", data: data.groups.placed, backgroundColor: "#005eb8" },
          { label: "Capacity", data: data.groups.capacity, backgroundColor: "#aeb7bd" }
        ]
      },
      options: Object.assign({ indexAxis: "y", scales: { x: { beginAtZero: true } } }, common)
    });
    new Chart(document.getElementById("choice-chart"), {
      type: "bar",
      data: {
        labels: data.choices.labels,
        datasets: [{ label: "Students", data: data.choices.counts, backgroundColor: ["#007f3b", "#41b6e6", "#ffb81c", "#8a1538"] }]
      },
      options: Object.assign({ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }, common)
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());

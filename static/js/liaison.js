// Information for members: the committee or sector field is shown only for the access level that needs it.
(function () {
  "use strict";
  var access = document.getElementById("id_access");
  if (!access) { return; }
  function group(name) {
    var field = document.getElementById("id_" + name);
    return field ? field.closest(".mb-3") || field.parentElement : null;
  }
  function update() {
    var committee = group("committee"), sector = group("sector");
    if (committee) { committee.hidden = access.value !== "committee"; }
    if (sector) { sector.hidden = access.value !== "sector"; }
  }
  access.addEventListener("change", update);
  update();
})();

// The public form's picture challenge: "another picture" fetches a new challenge (token, picture, recording)
// without losing what was typed. Without JavaScript the button stays hidden and reloading the page does the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-challenge-url]");
  var button = document.getElementById("challenge-refresh");
  if (!box || !button || !window.fetch) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    fetch(box.getAttribute("data-challenge-url"), { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (challenge) {
        box.querySelector("input[name=token]").value = challenge.token;
        document.getElementById("challenge-image").src = challenge.image_url;
        document.getElementById("challenge-audio").href = challenge.audio_url;
        var answer = document.getElementById("id_answer");
        answer.value = "";
        answer.focus();
      })
      .catch(function () { window.location.reload(); })
      .finally(function () { button.disabled = false; });
  });
})();

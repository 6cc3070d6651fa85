/*
 * Meja Sandi — formulir pengaduan, peningkatan progresif.
 * Tanpa skrip ini formulir tetap berfungsi (pertanyaan keamanan dijawab manual).
 * Dengan skrip: tantangan proof-of-work ALTCHA (SHA-256, luring) diselesaikan di
 * peramban, hasilnya dikirim di kolom "altcha", dan pertanyaan keamanan disembunyikan.
 */
(function () {
  'use strict';
  var form = document.getElementById('formulir-pengaduan');
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder || !window.Promise || !window.btoa) return;
  var challenge;
  try {
    challenge = JSON.parse(form.getAttribute('data-altcha') || 'null');
  } catch (error) {
    return;
  }
  if (!challenge || challenge.algorithm !== 'SHA-256' || typeof challenge.salt !== 'string') return;

  var field = document.getElementById('altcha');
  var status = document.getElementById('status-verifikasi');
  var fieldset = document.getElementById('verifikasi');
  var jawaban = document.getElementById('jawaban');
  if (!field || !status || !fieldset || !jawaban) return;

  var encoder = new TextEncoder();
  var max = Number(challenge.maxnumber) || 50000;
  var waiting = false;
  var failed = false;

  var hex = function (buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  };

  var solve = function (start) {
    var end = Math.min(start + 250, max);
    var work = [];
    for (var n = start; n <= end; n++) work.push(window.crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)));
    return Promise.all(work).then(function (hashes) {
      for (var k = 0; k < hashes.length; k++) if (hex(hashes[k]) === challenge.challenge) return start + k;
      return end + 1 > max ? null : solve(end + 1);
    });
  };

  var fallBack = function () {
    failed = true;
    fieldset.hidden = false;
    jawaban.required = true;
    status.textContent = 'Verifikasi otomatis tidak berhasil; silakan jawab pertanyaan keamanan.';
    waiting = false;
  };

  fieldset.hidden = true;
  jawaban.required = false;
  status.textContent = 'Memverifikasi otomatis bahwa Anda bukan robot…';

  solve(0)
    .then(function (number) {
      if (number === null) return fallBack();
      field.value = window.btoa(
        JSON.stringify({
          algorithm: challenge.algorithm,
          challenge: challenge.challenge,
          number: number,
          salt: challenge.salt,
          signature: challenge.signature,
        })
      );
      status.textContent = 'Verifikasi otomatis selesai.';
      if (waiting) form.submit();
    })
    .catch(fallBack);

  form.addEventListener('submit', function (event) {
    if (field.value || failed) return;
    event.preventDefault();
    waiting = true;
    status.textContent = 'Sebentar, verifikasi otomatis sedang berjalan; pengaduan terkirim setelah selesai…';
  });
})();

'use strict';

/** Without SMTP every message is written to the Strapi log (never dropped silently). */
module.exports = {
  init(_providerOptions, settings) {
    return {
      async send(options) {
        const message = {
          from: options.from || settings.defaultFrom,
          to: options.to,
          cc: options.cc,
          bcc: options.bcc,
          replyTo: options.replyTo || settings.defaultReplyTo,
          subject: options.subject,
          text: options.text,
        };
        const log = global.strapi && global.strapi.log ? global.strapi.log : console;
        log.info(`[email:log] SMTP belum diatur; e-mail dicatat, tidak dikirim: ${JSON.stringify(message)}`);
        return { logged: true };
      },
    };
  },
};

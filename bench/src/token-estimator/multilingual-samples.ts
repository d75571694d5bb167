/**
 * Short texts in languages the shared data barely covers, written for the estimator report (one
 * or two sentences each, everyday prose). The report counts them exactly with cl100k; they are
 * a spot check of the non-English paths of the estimator, not a benchmark set.
 */
export const multilingualSamples: ReadonlyArray<{ readonly language: string; readonly text: string }> = [
  {
    language: 'English',
    text: 'The city council decided to extend the opening hours of the library starting next month, so that working people can borrow books in the evening and use the reading rooms.',
  },
  {
    language: 'German',
    text: 'Die Stadtverwaltung hat beschlossen, die Öffnungszeiten der Bibliothek ab nächstem Monat zu verlängern, damit Berufstätige auch abends Bücher ausleihen und die Lesesäle nutzen können.',
  },
  {
    language: 'German',
    text: 'Bitte fassen Sie den folgenden Bericht in drei Sätzen zusammen und nennen Sie die wichtigsten Risiken für das Projekt. Der Zeitplan ist knapp, und das Budget wurde bereits zweimal überschritten.',
  },
  {
    language: 'French',
    text: 'Le conseil municipal a décidé de prolonger les horaires d’ouverture de la bibliothèque à partir du mois prochain, afin que les personnes qui travaillent puissent emprunter des livres le soir.',
  },
  {
    language: 'French',
    text: 'Pouvez-vous résumer ce rapport en trois phrases et indiquer les principaux risques du projet ? Le calendrier est serré et le budget a déjà été dépassé deux fois cette année.',
  },
  {
    language: 'Spanish',
    text: 'El ayuntamiento decidió ampliar el horario de la biblioteca a partir del próximo mes, para que las personas que trabajan puedan pedir libros prestados por la tarde y usar las salas de lectura.',
  },
  {
    language: 'Spanish',
    text: '¿Puedes resumir este informe en tres frases e indicar los principales riesgos del proyecto? El calendario es ajustado y el presupuesto ya se ha superado dos veces este año.',
  },
  {
    language: 'Italian',
    text: 'Il consiglio comunale ha deciso di prolungare l’orario di apertura della biblioteca a partire dal prossimo mese, così che chi lavora possa prendere in prestito libri anche la sera.',
  },
  {
    language: 'Portuguese',
    text: 'A prefeitura decidiu ampliar o horário de funcionamento da biblioteca a partir do próximo mês, para que as pessoas que trabalham possam pegar livros emprestados à noite.',
  },
  {
    language: 'Russian',
    text: 'Машинное обучение — это раздел искусственного интеллекта, который позволяет компьютерам учиться на данных без явного программирования. Его применяют в распознавании речи и рекомендательных системах.',
  },
  {
    language: 'Russian',
    text: 'Пожалуйста, кратко изложите этот отчёт в трёх предложениях и перечислите основные риски проекта. Сроки сжатые, а бюджет уже дважды был превышен.',
  },
  {
    language: 'Ukrainian',
    text: 'Міська рада вирішила подовжити години роботи бібліотеки з наступного місяця, щоб працюючі люди могли брати книжки ввечері.',
  },
  {
    language: 'Greek',
    text: 'Το δημοτικό συμβούλιο αποφάσισε να επεκτείνει το ωράριο λειτουργίας της βιβλιοθήκης από τον επόμενο μήνα.',
  },
  {
    language: 'Chinese',
    text: '市议会决定从下个月起延长图书馆的开放时间，以便上班族晚上也能借书和使用阅览室。',
  },
  {
    language: 'Japanese',
    text: '市議会は来月から図書館の開館時間を延長することを決定しました。働いている人も夜に本を借りられるようになります。',
  },
  {
    language: 'Korean',
    text: '시의회는 다음 달부터 도서관 운영 시간을 연장하기로 결정했습니다. 직장인들도 저녁에 책을 빌릴 수 있게 됩니다.',
  },
];

// The 2026 calendar the claims SLA clocks start from: national public holidays and collective
// leave days (cuti bersama) per the joint ministerial decree (SKB 3 Menteri) for 2026, as far as
// it was known when this seed was written. It is data: correct or extend it in claims.holiday
// (setClaimHoliday / removeClaimHoliday) when the decree or a city changes a day.
// Checked against the decree's list (17 holidays, 8 collective leave days): Idul Fitri is 21–22
// March with 20 March as leave, Easter (5 April) and the Idul Adha leave (28 May) were missing;
// migration 1766300000000 brings databases seeded before that in line. The Islamic days follow
// the government's isbat: should it move a day, the decree is amended and so is this table.
export const HOLIDAYS_2026: readonly { day: string; name: string; kind: 'PUBLIC_HOLIDAY' | 'COLLECTIVE_LEAVE' }[] = [
  { day: '2026-01-01', name: 'Tahun Baru Masehi', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-01-16', name: "Isra Mi'raj Nabi Muhammad SAW", kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-02-17', name: 'Tahun Baru Imlek 2577', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-03-21', name: 'Idul Fitri 1447 H', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-03-22', name: 'Idul Fitri 1447 H', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-03-23', name: 'Cuti bersama Idul Fitri', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-03-24', name: 'Cuti bersama Idul Fitri', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-05-27', name: 'Idul Adha 1447 H', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 H', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-06-16', name: 'Tahun Baru Islam 1448 H', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-08-17', name: 'Hari Kemerdekaan RI', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'PUBLIC_HOLIDAY' },
  { day: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', kind: 'COLLECTIVE_LEAVE' },
  { day: '2026-12-25', name: 'Hari Raya Natal', kind: 'PUBLIC_HOLIDAY' },
];

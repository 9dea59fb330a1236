/**
 * Trade words left in pinyin after a company's name ("Ping An Yinhang",
 * "Geely Qiche"): what each means in English and the sectors it fits. Where
 * the trade fits the company, the words are its own name in pinyin ("Geely
 * Qiche" is Geely); where not, they name a unit ("Ping An Yinhang" is Ping An
 * Bank, not Ping An Insurance), which must never become its parent.
 */
export interface TradeWord {
  /** English words a unit's name ends with: "Ping An Bank". */
  english: string[];
  /** Sectors (as the knowledge base writes them) the trade fits. */
  fits: RegExp;
}

export const TRADE_WORDS: Readonly<Record<string, TradeWord>> = {
  Yinhang: { english: ['Bank'], fits: /bank|lend/i },
  Baoxian: { english: ['Insurance', 'Life', 'Life Insurance'], fits: /insur|financ/i },
  Zhengquan: { english: ['Securities'], fits: /secur|brok|invest/i },
  Qiche: { english: ['Auto', 'Automobile', 'Motor', 'Motors'], fits: /auto|car|vehicle|\bevs?\b|motor|truck|bus/i },
  Yiyao: { english: ['Pharmaceutical', 'Pharmaceuticals', 'Pharma', 'Medicine'], fits: /pharm|drug|medic|health|bio/i },
  Zhiyao: { english: ['Pharmaceutical', 'Pharmaceuticals', 'Pharma'], fits: /pharm|drug|medic|health|bio/i },
  Yaoye: { english: ['Pharmaceutical', 'Pharmaceuticals', 'Pharma'], fits: /pharm|drug|medic|health|bio/i },
  Shengwu: { english: ['Biotech', 'Biological', 'Biologics', 'Bio'], fits: /bio|pharm|drug|vaccin|health|medic/i },
  Dichan: { english: ['Property', 'Properties', 'Real Estate'], fits: /propert|real estate|develop/i },
  Zhiye: { english: ['Property', 'Properties', 'Real Estate'], fits: /propert|real estate|develop/i },
  Wuye: { english: ['Property Services', 'Services'], fits: /propert|real estate|service/i },
  Nengyuan: { english: ['Energy', 'New Energy'], fits: /energ|power|solar|oil|gas|coal|batter|utilit/i },
  Xinnengyuan: { english: ['New Energy'], fits: /energ|power|solar|wind|batter|utilit|\bevs?\b|vehicle|auto|car/i },
  Dianli: { english: ['Power'], fits: /power|utilit|energ|electric/i },
  Hangkong: { english: ['Airlines', 'Aviation'], fits: /airline|aviation|aero|air/i },
  Gangtie: { english: ['Steel'], fits: /steel|metal/i },
  Jiuye: { english: ['Liquor', 'Wine'], fits: /liquor|spirit|baijiu|wine|brew|drink|beverage/i },
  Ruye: { english: ['Dairy'], fits: /dairy|milk|food/i },
  Shipin: { english: ['Food', 'Foods'], fits: /food|drink|beverage|snack|dairy|consumer/i },
  Youxi: { english: ['Games'], fits: /game|entertain|internet/i },
  Jiaoyu: { english: ['Education'], fits: /educat|school|tutor/i },
  Wuliu: { english: ['Logistics'], fits: /logist|express|deliver|ship|courier/i },
  Tongxin: { english: ['Communications', 'Telecom'], fits: /telecom|communicat|network|equipment/i },
  Huagong: { english: ['Chemical', 'Chemicals'], fits: /chemic|petro/i },
  Kuangye: { english: ['Mining', 'Resources'], fits: /mining|mineral|metal|gold|copper|coal|resource/i },
  Ruanjian: { english: ['Software'], fits: /software|internet|tech/i },
  Yiliao: { english: ['Healthcare', 'Medical', 'Health'], fits: /health|medic|hospital|pharm/i },
};

